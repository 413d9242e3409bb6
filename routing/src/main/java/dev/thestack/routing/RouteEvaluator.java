package dev.thestack.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.model.Account;
import dev.thestack.model.StackConfig;
import software.amazon.event.ruler.Machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Matches one CloudWatch alarm state-change event against the central bus's rules with event-ruler, the engine
 * EventBridge itself uses, and says which destinations receive it and why.
 */
public final class RouteEvaluator {
    /** Strict: a duplicate key would show one value here while event-ruler matched the other. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** An event this evaluator cannot judge, with what is wrong and how to fix it. */
    public static final class InvalidEventException extends Exception {
        public InvalidEventException(String message) {
            super(message);
        }
    }

    /** What the event says, read the way the rules read it. */
    public record Reading(String account, String environment, String alarmName, String team, String severity,
                          String state, String previousState) {
    }

    public record Evaluation(Reading reading, List<AlarmRules.Rule> matched) {
    }

    private final StackConfig config;
    private final List<AlarmRules.Rule> rules;
    private final Machine machine = new Machine();

    public RouteEvaluator(StackConfig config) {
        this.config = config;
        this.rules = AlarmRules.rules(config);
        for (AlarmRules.Rule rule : rules) {
            try {
                machine.addRule(rule.name(), JSON.writeValueAsString(rule.pattern()));
            } catch (Exception e) {
                throw new IllegalStateException("rule " + rule.name() + " is not a pattern event-ruler accepts: " + e.getMessage(), e);
            }
        }
    }

    public Evaluation evaluate(String eventJson) throws InvalidEventException {
        JsonNode event = parse(eventJson);
        String source = text(event, "source");
        String detailType = text(event, "detail-type");
        if (!AlarmRules.DETAIL_TYPE.equals(detailType) || !AlarmRules.SOURCE.equals(source)) {
            throw new InvalidEventException("this is a '" + detailType + "' event from '" + source + "'; alarm routing "
                    + "only receives '" + AlarmRules.DETAIL_TYPE + "' events from " + AlarmRules.SOURCE);
        }
        String account = text(event, "account");
        if (!account.matches("\\d{12}")) {
            throw new InvalidEventException("'account' is '" + account + "', not a 12-digit account id");
        }
        JsonNode detail = event.path("detail");
        String alarmName = required(detail.path("alarmName"), "detail.alarmName");
        String state = required(detail.path("state").path("value"), "detail.state.value");
        String previous = detail.path("previousState").path("value").asText("");
        List<String> matchedNames;
        try {
            matchedNames = machine.rulesForJSONEvent(eventJson);
        } catch (Exception e) {
            throw new InvalidEventException("event-ruler could not read the event: " + e.getMessage());
        }
        List<AlarmRules.Rule> matched = new ArrayList<>();
        rules.stream().filter(rule -> matchedNames.contains(rule.name())).forEach(matched::add);
        return new Evaluation(new Reading(account, environmentOf(account), alarmName, firstWord(alarmName),
                lastWord(alarmName), state, previous), matched);
    }

    private String environmentOf(String accountId) {
        Optional<Account> account = AlarmRules.forwardingAccounts(config).stream()
                .filter(a -> a.id().equals(accountId)).findFirst();
        return account.map(config::environmentNameOf).orElse("(account not in stack.yaml)");
    }

    private static String firstWord(String alarmName) {
        int dot = alarmName.indexOf('.');
        return dot < 0 ? "(none: the name has no '<team>.' prefix)" : alarmName.substring(0, dot);
    }

    private static String lastWord(String alarmName) {
        int dash = alarmName.lastIndexOf('-');
        return dash < 0 ? "(none)" : alarmName.substring(dash + 1);
    }

    private static JsonNode parse(String eventJson) throws InvalidEventException {
        if (eventJson.isBlank()) {
            throw new InvalidEventException("the event is empty; give a CloudWatch alarm state-change event as JSON");
        }
        JsonNode event;
        try {
            event = JSON.readTree(eventJson);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InvalidEventException("not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("expected a JSON object (an EventBridge event), found "
                    + (event == null ? "nothing" : event.getNodeType().name().toLowerCase()));
        }
        return event;
    }

    private static String text(JsonNode event, String field) throws InvalidEventException {
        return required(event.path(field), field);
    }

    private static String required(JsonNode node, String field) throws InvalidEventException {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidEventException("the event has no '" + field + "' text field; a CloudWatch alarm "
                    + "state-change event has source, detail-type, account, detail.alarmName and detail.state.value");
        }
        return node.asText();
    }
}
