package labstacks.launcher.deploy;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The only java.util.logging handler of a deployment: one line per record on stderr, redacted. A
 * record's exception is written as its class and message, not its stack trace, and the SDK's stack-trace
 * report of a failed program is left out ({@link EngineRun} reports the failure in one line): the Java
 * language host copies stderr into the CLI's output when a deployment fails.
 */
final class RedactingHandler extends Handler {

    private final LogRedactor redactor;
    private final PrintStream err;
    private final SimpleFormatter parameters = new SimpleFormatter();

    RedactingHandler(LogRedactor redactor, PrintStream err) {
        this.redactor = redactor;
        this.err = err;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)
                || record.getMessage() != null
                        && GuardedEngine.isStackTraceReport(record.getMessage())) {
            return;
        }
        var text =
                new StringBuilder()
                        .append(record.getLevel().getName())
                        .append(' ')
                        .append(record.getLoggerName())
                        .append(": ")
                        .append(parameters.formatMessage(record));
        if (record.getThrown() != null) {
            text.append(" (").append(record.getThrown()).append(')');
        }
        var line = redactor.redact(text.toString());
        synchronized (err) {
            err.println(line);
        }
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
