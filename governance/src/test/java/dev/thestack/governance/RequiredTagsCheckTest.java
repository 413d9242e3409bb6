package dev.thestack.governance;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.sqs.CfnQueue;
import software.amazon.awscdk.services.sqs.CfnQueuePolicy;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredTagsCheckTest {
    @Test
    void listsEveryTaggableResourceMissingARequiredTagAndIgnoresUntaggableOnes() {
        App app = App.Builder.create().analyticsReporting(false).build();
        Stack stack = new Stack(app, "tags");
        Tags.of(stack).add("Team", "platform");
        Tags.of(stack).add("Environment", "dev");
        CfnQueue tagged = CfnQueue.Builder.create(stack, "Tagged").build();
        Tags.of(tagged).add("Service", "todo");
        Tags.of(tagged).add("CostCenter", "CC-1");
        CfnQueue untagged = CfnQueue.Builder.create(stack, "Untagged").build();
        CfnQueuePolicy.Builder.create(stack, "Policy").queues(List.of(untagged.getAttrQueueUrl()))
                .policyDocument(Map.of("Version", "2012-10-17", "Statement", List.of())).build();

        app.synth();

        assertThat(RequiredTagsCheck.findUntagged(app, List.of("Service", "Environment", "Team", "CostCenter")))
                .containsExactly("tags/Untagged (AWS::SQS::Queue) lacks Service, CostCenter");
    }
}
