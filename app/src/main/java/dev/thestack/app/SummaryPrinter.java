package dev.thestack.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints the per-account synth summary a platform engineer reads before deploying. */
public final class SummaryPrinter {
    private SummaryPrinter() {
    }

    public static void print(List<AccountSummary> accounts, PrintWriter out) {
        String row = "%-20s %-12s %-13s %9s %7s %10s %11s%n";
        out.printf(row, "account", "id", "region", "resources", "alarms", "dashboards", "nag e/w/s");
        for (AccountSummary a : accounts) {
            NagFindings nag = a.nag();
            out.printf(row, a.account(), a.accountId(), a.region(), a.resources(), a.alarms(), a.dashboards(),
                    nag.unsuppressedErrors().size() + "/" + nag.unsuppressedWarnings().size() + "/" + nag.suppressed().size());
        }
        out.println();
        for (AccountSummary a : accounts) {
            out.println(a.account() + " — stack " + a.stackName() + ": " + types(a.resourcesByType()));
            a.nag().unsuppressedErrors().forEach(f -> out.println("    NAG ERROR   " + f));
            a.nag().unsuppressedWarnings().forEach(f -> out.println("    nag warning " + f));
        }
        int alarms = accounts.stream().mapToInt(AccountSummary::alarms).sum();
        int dashboards = accounts.stream().mapToInt(AccountSummary::dashboards).sum();
        int resources = accounts.stream().mapToInt(AccountSummary::resources).sum();
        long suppressed = accounts.stream().mapToLong(a -> a.nag().suppressed().size()).sum();
        out.printf("%ntotal: %d stacks, %d resources, %d alarms, %d dashboards, %d nag suppressions (each with a reason)%n",
                accounts.size(), resources, alarms, dashboards, suppressed);
    }

    private static String types(Map<String, Integer> byType) {
        return byType.entrySet().stream()
                .map(e -> e.getKey().replace("AWS::", "") + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
