package dev.thestack.cli;

import dev.thestack.model.AlarmDestination;
import dev.thestack.model.StackConfig;
import dev.thestack.routing.AlarmRules;
import dev.thestack.routing.RouteEvaluator;

import java.io.PrintWriter;

/** What `./stack route` prints: how the event was read, then each rule it matches and where that rule sends it. */
final class RouteReport {
    private RouteReport() {
    }

    static void print(StackConfig config, RouteEvaluator.Evaluation evaluation, PrintWriter out) {
        RouteEvaluator.Reading r = evaluation.reading();
        out.println("alarm:       " + r.alarmName());
        out.println("state:       " + (r.previousState().isEmpty() ? "" : r.previousState() + " -> ") + r.state());
        out.println("account:     " + r.account() + " (environment: " + r.environment() + ")");
        out.println("team:        " + r.team() + "   (first word of the alarm name)");
        out.println("severity:    " + r.severity() + "   (last word of the alarm name)");
        out.println();
        if (evaluation.matched().isEmpty()) {
            out.println("no rule matches: this event would be dropped. That is a gap in the routing: the catch-all "
                    + "should take whatever no route does.");
            return;
        }
        for (AlarmRules.Rule rule : evaluation.matched()) {
            AlarmDestination destination = config.alarmRouting().orElseThrow().destination(rule.destination());
            out.println("-> " + destination.name() + " (" + describe(destination) + ")");
            out.println("   rule " + rule.name() + ": " + rule.description());
        }
    }

    private static String describe(AlarmDestination destination) {
        return switch (destination.type()) {
            case PAGER -> "pager, HTTPS endpoint from SSM parameter " + destination.endpointParameter().orElseThrow();
            case CHAT -> "Slack channel " + destination.slackChannelId().orElseThrow() + " via AWS Chatbot";
            case EMAIL -> "email to " + destination.address().orElseThrow();
        };
    }
}
