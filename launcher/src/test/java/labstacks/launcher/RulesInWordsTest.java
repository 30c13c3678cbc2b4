package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.config.StackSettings;
import labstacks.shared.program.ProgramCatalog;
import org.junit.jupiter.api.Test;

/**
 * Every setting a pattern checks says its rule in words: an error shows the rule, and a regular expression is no
 * rule a user can follow (audit 2026-12-07, pw01-pw05, mt01, mt02). A pattern that only lists words
 * ({@code nf-core|scoped}) is said as "one of nf-core, scoped" and needs no more.
 */
class RulesInWordsTest {

    @Test
    void everyPatternOfEveryProgramHasItsRuleInWords() {
        var catalog = ProgramCatalog.discover();
        var types = new ArrayList<Class<? extends Record>>();
        types.add(StackSettings.class);
        for (var name : catalog.names()) {
            types.add(catalog.find(name).orElseThrow().settingsType());
        }
        var missing = new ArrayList<String>();
        for (var type : types) {
            for (var setting : SettingsLoader.settings(type)) {
                if (!setting.pattern().isEmpty()
                        && setting.rule().isEmpty()
                        && !setting.pattern().matches("[A-Za-z0-9_-]+(\\|[A-Za-z0-9_-]+)+")) {
                    missing.add(setting.key() + " (" + setting.pattern() + ")");
                }
            }
        }
        assertEquals(
                new ArrayList<String>(),
                missing,
                "settings whose errors would show a regular expression");
    }
}
