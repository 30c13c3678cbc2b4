// The Node.js peer of `labstacks plan`: the same programs written for the Pulumi Node.js SDK
// (@pulumi/pulumi 3.248.0, the last release for Node 20, and @pulumi/aws 6.83.0, the provider
// labstacks pins), run under the SDK's own mocks as a preview, every registration captured the way
// labstacks' CapturingMonitor does, and written out as JSON. bench/run times it beside labstacks.
//   node bench/peers/plan.js pipeweave-production [--json FILE] [--root DIR]
//   node bench/peers/plan.js buckets-<N> [--json FILE]
// pipeweave-production reads its settings from the stack file, as labstacks does.
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");
const pulumi = require("@pulumi/pulumi");
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks");
const { deserializeProperties } = require("@pulumi/pulumi/runtime/rpc");
const { runInPulumiStack } = require("@pulumi/pulumi/runtime/stack");
const { disconnect } = require("@pulumi/pulumi/runtime/settings");

const ACCOUNT_ID = "123456789012";

function parseArgs(argv) {
    const options = { stack: undefined, json: undefined, root: path.resolve(__dirname, "../..") };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--json") options.json = argv[++i];
        else if (argv[i] === "--root") options.root = argv[++i];
        else options.stack = argv[i];
    }
    if (!options.stack) throw new Error("usage: node plan.js <pipeweave-production|buckets-N> [--json FILE]");
    return options;
}

// Provider-computed outputs, derived from the inputs as labstacks' OfflineMocks/ComputedOutputs do.
function computedState(type, name, inputs) {
    const state = { ...inputs };
    switch (type) {
        case "aws:s3/bucketV2:BucketV2": {
            const bucket = inputs.bucket ?? name;
            Object.assign(state, { bucket, arn: `arn:aws:s3:::${bucket}`, region: "us-east-1",
                bucketDomainName: `${bucket}.s3.amazonaws.com` });
            return { id: bucket, state };
        }
        case "aws:iam/role:Role":
            state.arn = `arn:aws:iam::${ACCOUNT_ID}:role/${inputs.name}`;
            return { id: inputs.name, state };
        case "aws:iam/policy:Policy":
            state.arn = `arn:aws:iam::${ACCOUNT_ID}:policy/${inputs.name}`;
            return { id: state.arn, state };
        case "aws:iam/instanceProfile:InstanceProfile":
            state.arn = `arn:aws:iam::${ACCOUNT_ID}:instance-profile/${inputs.name}`;
            return { id: inputs.name, state };
        default:
            return { id: type.startsWith("pulumi:providers:") ? "provider-id" : `${name}-id`, state };
    }
}

// Capture what the program sends to the engine, request by request, like CapturingMonitor.
function capture() {
    const registrations = [];
    const outputs = new Map();
    const register = MockMonitor.prototype.registerResource;
    MockMonitor.prototype.registerResource = function (req, callback) {
        return register.call(this, req, (err, resp) => {
            if (!err) registrations.push({ req, urn: resp.getUrn(), id: resp.getId() });
            callback(err, resp);
        });
    };
    const registerOutputs = MockMonitor.prototype.registerResourceOutputs;
    MockMonitor.prototype.registerResourceOutputs = function (req, callback) {
        outputs.set(req.getUrn(), req.getOutputs());
        return registerOutputs.call(this, req, callback);
    };
    return { registrations, outputs };
}

// The tags labstacks' StandardTagging adds to every taggable AWS resource, as a stack transformation.
function tagging(project, stack, environment, system) {
    const tags = { environment, "managed-by": "pulumi", project, stack, system };
    const taggable = new Set(["aws:s3/bucketV2:BucketV2", "aws:iam/role:Role", "aws:iam/policy:Policy",
        "aws:iam/instanceProfile:InstanceProfile"]);
    return (args) => taggable.has(args.type)
        ? { props: { ...args.props, tags: { ...(args.props.tags ?? {}), ...tags } }, opts: args.opts }
        : undefined;
}

function policyJson(statements) {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

class DatasetBucket extends pulumi.ComponentResource {
    constructor(name, args, opts) {
        super("labstacks:pipeweave:DatasetBucket", name, {}, opts);
        const child = { parent: this, provider: args.aws };
        const bucket = new aws.s3.BucketV2(name, { bucket: args.bucketName, forceDestroy: args.forceDestroy },
            { ...child, protect: args.protect, retainOnDelete: args.retainOnDelete });
        new aws.s3.BucketVersioningV2(`${name}-versioning`,
            { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, child);
        new aws.s3.BucketServerSideEncryptionConfigurationV2(`${name}-encryption`, {
            bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
        }, child);
        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-public-access-block`, {
            bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }, child);
        new aws.s3.BucketOwnershipControls(`${name}-ownership`,
            { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
        if (args.glacierTransitionDays) {
            const days = args.glacierTransitionDays;
            new aws.s3.BucketLifecycleConfigurationV2(`${name}-lifecycle`, {
                bucket: bucket.id,
                rules: [{ id: "archive-to-glacier", status: "Enabled", filter: { prefix: "" },
                    transitions: [{ days, storageClass: "GLACIER" }],
                    noncurrentVersionTransitions: [{ noncurrentDays: days, storageClass: "GLACIER" }] }],
            }, child);
        }
        new aws.s3.BucketPolicy(`${name}-policy`, {
            bucket: bucket.id,
            policy: bucket.arn.apply(arn => {
                const statements = [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: { AWS: "*" },
                    Action: "s3:*", Resource: [arn, `${arn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } } }];
                if (args.requireEncryptedUploads) {
                    statements.push({ Sid: "DenyUnencryptedUploads", Effect: "Deny", Principal: { AWS: "*" },
                        Action: "s3:PutObject", Resource: `${arn}/*`,
                        Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "AES256" } } });
                }
                return policyJson(statements);
            }),
        }, { ...child, dependsOn: [publicAccessBlock] });
        this.bucketName = bucket.bucket;
        this.bucketArn = bucket.arn;
        this.bucketRegion = bucket.region;
        this.registerOutputs({ bucketName: bucket.bucket, bucketArn: bucket.arn, bucketRegion: bucket.region });
    }
}

class DatasetAccessRole extends pulumi.ComponentResource {
    constructor(name, args, opts) {
        super("labstacks:pipeweave:DatasetAccessRole", name, {}, opts);
        const child = { parent: this, provider: args.aws };
        const role = new aws.iam.Role(name, {
            name: args.roleName,
            description: `PipeWeave backend access to its ${args.environment} datasets`,
            assumeRolePolicy: policyJson([{ Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com",
                "ecs-tasks.amazonaws.com", "lambda.amazonaws.com"] }, Action: "sts:AssumeRole" }]),
        }, child);
        const policy = new aws.iam.Policy(`${name}-policy`, {
            name: `${args.roleName}-access`,
            description: `Read and write PipeWeave ${args.environment} datasets`,
            policy: args.bucketArn.apply(arn => {
                const statements = [
                    { Sid: "ListDatasets", Effect: "Allow", Action: "s3:ListBucket", Resource: arn },
                    { Sid: "ReadDatasets", Effect: "Allow", Action: "s3:GetObject", Resource: `${arn}/*` },
                    { Sid: "WriteDatasets", Effect: "Allow", Action: "s3:PutObject", Resource: `${arn}/*`,
                        Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "AES256" } } },
                ];
                if (args.allowDelete) {
                    statements.push({ Sid: "DeleteDatasets", Effect: "Allow", Action: "s3:DeleteObject",
                        Resource: `${arn}/*` });
                }
                return policyJson(statements);
            }),
        }, { ...child, dependsOn: args.dependsOn });
        new aws.iam.RolePolicyAttachment(`${name}-policy-attachment`, { role: role.name, policyArn: policy.arn },
            { ...child, dependsOn: [role, policy] });
        const profile = new aws.iam.InstanceProfile(`${name}-instance-profile`, { name: args.roleName, role: role.name },
            { ...child, dependsOn: [role] });
        this.roleArn = role.arn;
        this.policyArn = policy.arn;
        this.instanceProfileArn = profile.arn;
        this.registerOutputs({ roleArn: role.arn, policyArn: policy.arn, instanceProfileArn: profile.arn });
    }
}

let aws;

function pipeweave(settings) {
    const environment = settings["labstacks:environment"];
    const name = `pipeweave-datasets-${environment}-${environment}`;
    const provider = new aws.Provider("aws", { region: settings["aws:region"], skipCredentialsValidation: false,
        skipRegionValidation: true });
    const datasets = new DatasetBucket("datasets", {
        aws: provider, bucketName: name, forceDestroy: settings["pipeweave:forceDestroy"],
        protect: settings["pipeweave:protectBucket"], retainOnDelete: settings["pipeweave:retainOnDelete"],
        glacierTransitionDays: settings["pipeweave:glacierTransitionDays"],
        requireEncryptedUploads: settings["pipeweave:requireEncryptedUploads"],
    });
    const access = new DatasetAccessRole("access", {
        aws: provider, roleName: name, environment, bucketArn: datasets.bucketArn,
        allowDelete: settings["pipeweave:allowDelete"], dependsOn: [datasets],
    });
    return {
        bucket_arn: datasets.bucketArn, bucket_name: datasets.bucketName, bucket_region: datasets.bucketRegion,
        environment, iam_policy_arn: access.policyArn, iam_role_arn: access.roleArn,
        instance_profile_arn: access.instanceProfileArn,
    };
}

function buckets(count) {
    const provider = new aws.Provider("aws", { region: "eu-west-1" });
    for (let i = 0; i < count; i++) {
        new aws.s3.BucketV2(`bucket-${i}`, { bucket: `bench-bucket-${i}` }, { provider });
    }
    return {};
}

function toJson(value) {
    return value === undefined || value === null ? null : deserializeProperties(value);
}

async function main() {
    const options = parseArgs(process.argv.slice(2));
    const scale = /^buckets-(\d+)$/.exec(options.stack);
    const settings = scale ? { "labstacks:environment": "bench", "labstacks:program": "bench-scale" }
        : yaml.load(fs.readFileSync(path.join(options.root, `Pulumi.${options.stack}.yaml`), "utf8")).config;
    const captured = capture();
    await pulumi.runtime.setMocks({
        newResource: args => computedState(args.type, args.name, args.inputs),
        call: args => args.inputs,
    }, "labstacks", options.stack, true);
    aws = require("@pulumi/aws");
    await runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation(tagging("labstacks", options.stack,
            settings["labstacks:environment"], settings["labstacks:program"]));
        return scale ? buckets(Number(scale[1])) : pipeweave(settings);
    });
    await disconnect();

    const resources = captured.registrations.map(({ req, urn, id }) => ({
        type: req.getType(), name: req.getName(), urn, id, parent: req.getParent() || null,
        provider: req.getProvider() || null, custom: req.getCustom(), inputs: toJson(req.getObject()),
        outputs: toJson(captured.outputs.get(urn)), protect: req.getProtect(), retainOnDelete: req.getRetainondelete(),
        dependsOn: req.getDependenciesList(), ignoreChanges: req.getIgnorechangesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    }));
    const plan = { project: "labstacks", stack: options.stack, resources };
    const text = JSON.stringify(plan, null, 2);
    if (options.json) fs.writeFileSync(options.json, text);
    console.log(`Offline plan of labstacks/${options.stack} (Pulumi Node.js SDK under mocks): `
        + `${resources.length} registrations`);
}

main().catch(err => {
    console.error(err);
    process.exit(1);
});
