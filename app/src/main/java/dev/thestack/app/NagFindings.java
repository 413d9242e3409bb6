package dev.thestack.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings cdk-nag wrote for one stack ({@code <pack>-<stack>-NagReport.csv} in the assembly).
 *
 * @param unsuppressedErrors   non-compliant rules of level Error: these fail synth
 * @param unsuppressedWarnings non-compliant rules of level Warning: shown, not fatal
 * @param suppressed           suppressed findings, each with its written reason
 */
public record NagFindings(List<Finding> unsuppressedErrors, List<Finding> unsuppressedWarnings, List<Finding> suppressed) {
    public static final String PACK = "AwsSolutions";

    public record Finding(String ruleId, String resourceId, String level, String reason, String info) {
        @Override
        public String toString() {
            boolean hasReason = !reason.isBlank() && !"N/A".equals(reason);
            return ruleId + " on " + resourceId + ": " + (hasReason ? reason : info);
        }
    }

    public static NagFindings read(Path assembly, String stackName) {
        Path report = assembly.resolve(PACK + "-" + stackName + "-NagReport.csv");
        List<Finding> errors = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        List<Finding> suppressed = new ArrayList<>();
        if (!Files.exists(report)) {
            throw new IllegalStateException("cdk-nag wrote no report for " + stackName + " (" + report + ")");
        }
        try {
            List<String> lines = Files.readAllLines(report);
            for (String line : lines.subList(1, lines.size())) {
                List<String> cells = csv(line);
                // Rule ID, Resource ID, Compliance, Exception Reason, Rule Level, Rule Info
                Finding finding = new Finding(cells.get(0), cells.get(1), cells.get(4), cells.get(3), cells.get(5));
                switch (cells.get(2)) {
                    case "Suppressed" -> suppressed.add(finding);
                    case "Non-Compliant" -> ("Error".equals(finding.level()) ? errors : warnings).add(finding);
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NagFindings(errors, warnings, suppressed);
    }

    /** One CSV record as cdk-nag writes it: every cell quoted, quotes doubled inside. */
    static List<String> csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
