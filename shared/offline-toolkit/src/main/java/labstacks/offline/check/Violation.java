package labstacks.offline.check;

/**
 * One finding of a rule.
 *
 * @param rule    the rule id, e.g. {@code s3-public-access-block}
 * @param type    the resource type token
 * @param name    the resource's logical name
 * @param message what is wrong
 * @param fix     what to change
 */
public record Violation(String rule, String type, String name, String message, String fix) {
    public String render() {
        return rule + "  " + type + "  " + name + ": " + message + "\n    fix: " + fix;
    }
}
