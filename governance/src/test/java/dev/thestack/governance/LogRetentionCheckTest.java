package dev.thestack.governance;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.s3.Bucket;

import static org.assertj.core.api.Assertions.assertThat;

class LogRetentionCheckTest {
    @Test
    void listsLogGroupsWithoutRetentionAndFunctionsWithoutALogGroupOfTheirOwn() {
        App app = App.Builder.create().analyticsReporting(false).build();
        Stack stack = new Stack(app, "logs");
        CfnLogGroup.Builder.create(stack, "Forever").build();
        CfnLogGroup kept = CfnLogGroup.Builder.create(stack, "Kept").retentionInDays(7).build();
        function(stack, "Orphan", null);
        function(stack, "Logged", null).setLoggingConfig(CfnFunction.LoggingConfigProperty.builder()
                .logGroup(kept.getRef()).build());
        function(stack, "Named", "named");
        CfnLogGroup.Builder.create(stack, "NamedLogs").logGroupName("/aws/lambda/named").retentionInDays(30).build();
        CfnFunction derived = function(stack, "Derived", null);
        CfnLogGroup.Builder.create(stack, "DerivedLogs").logGroupName("/aws/lambda/" + derived.getRef())
                .retentionInDays(30).build();

        app.synth();

        assertThat(LogRetentionCheck.findWithoutRetention(app)).containsExactly(
                "logs/Forever (AWS::Logs::LogGroup) has no RetentionInDays: its logs would never expire",
                "logs/Orphan (AWS::Lambda::Function) has no log group of its own: Lambda would create "
                        + "/aws/lambda/<name> without retention (give it a log group with a retention)");
    }

    @Test
    void seesTheHandlersOfTheCdksOwnCustomResources() {
        App app = App.Builder.create().analyticsReporting(false).build();
        Stack stack = new Stack(app, "provider");
        Bucket.Builder.create(stack, "Scratch").removalPolicy(RemovalPolicy.DESTROY).autoDeleteObjects(true).build();

        app.synth();

        assertThat(LogRetentionCheck.findWithoutRetention(app)).singleElement().asString()
                .startsWith("provider/Custom::S3AutoDeleteObjectsCustomResourceProvider/")
                .contains("(AWS::Lambda::Function) has no log group of its own");
    }

    private static CfnFunction function(Stack stack, String id, String name) {
        return CfnFunction.Builder.create(stack, id)
                .functionName(name)
                .runtime("nodejs20.x")
                .handler("index.handler")
                .role("arn:aws:iam::123456789012:role/lambda")
                .code(CfnFunction.CodeProperty.builder().zipFile("exports.handler = async () => {};").build())
                .build();
    }
}
