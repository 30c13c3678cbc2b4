// Evaluates S3 requests against IAM policies with @cloud-copilot/iam-simulate (AGPL-3.0-or-later; a
// test-only tool, never shipped). Reads one JSON document on stdin:
//   { "resourcePolicy": {...} | null, "identityPolicies": [{ "name", "policy" }],
//     "requests": [{ "name", "principal", "action", "resource", "accountId", "context": {...} }] }
// and prints, for each request, { "name", "result" }: Allowed, ImplicitlyDenied, ExplicitlyDenied, or
// "error: ..." when the simulator rejects the input (a misspelled action, an invalid policy).
import { runSimulation } from '@cloud-copilot/iam-simulate'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'))

const results = []
for (const request of input.requests) {
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.accountId },
      contextVariables: request.context ?? {}
    },
    identityPolicies: input.identityPolicies ?? [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: input.resourcePolicy ?? undefined
  }
  const outcome = await runSimulation(simulation, {})
  results.push({
    name: request.name,
    result: outcome.resultType === 'error' ? 'error: ' + JSON.stringify(outcome.errors) : outcome.overallResult
  })
}
process.stdout.write(JSON.stringify(results))
