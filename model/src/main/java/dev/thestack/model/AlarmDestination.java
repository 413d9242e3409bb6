package dev.thestack.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where routed alarms go: each destination is an SNS topic in the monitoring account with one subscriber.
 *
 * @param endpointParameter pager: name of the SSM String parameter holding the pager's HTTPS URL (it embeds the
 *                          integration key, so it never appears in stack.yaml or a template; CloudFormation resolves
 *                          it at deploy; a SecureString cannot be resolved into an SNS subscription)
 * @param slackWorkspaceId  chat: the Slack workspace AWS Chatbot is authorized for
 * @param slackChannelId    chat: the channel
 * @param address           email: the address
 */
public record AlarmDestination(String name, Type type, Optional<String> endpointParameter,
                               Optional<String> slackWorkspaceId, Optional<String> slackChannelId,
                               Optional<String> address) {
    public enum Type {
        /** An HTTPS endpoint that pages a human (PagerDuty, Opsgenie, ...). */
        PAGER,
        /** A Slack channel through AWS Chatbot. */
        CHAT,
        EMAIL;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static List<String> yamlNames() {
            return Arrays.stream(values()).map(Type::yamlName).toList();
        }
    }
}
