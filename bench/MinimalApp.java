import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.sqs.Queue;

/** The benchmark's floor: a one-stack, one-resource CDK app, paying the same jsii start-up as the real one. */
public final class MinimalApp {
    public static void main(String[] args) {
        App app = App.Builder.create().outdir(args[0]).analyticsReporting(false).build();
        Stack stack = new Stack(app, "minimal");
        Queue.Builder.create(stack, "Queue").build();
        app.synth();
    }
}
