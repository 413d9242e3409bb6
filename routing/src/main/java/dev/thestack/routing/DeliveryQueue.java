package dev.thestack.routing;

import dev.thestack.runbooks.AlarmKind;
import dev.thestack.runbooks.RunbookIndex;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A dead-letter queue for one step of alarm delivery, with the alarm that says something is stuck in it. A
 * notification in here is one nobody received, so the alarm is critical and owned by the platform team.
 */
final class DeliveryQueue extends Construct {
    private final Queue queue;
    private final Alarm alarm;

    DeliveryQueue(Construct scope, String id, String alarmNamePrefix, RunbookIndex runbooks) {
        super(scope, id);
        // SQS-managed encryption: EventBridge and SNS can write to it without a grant on a customer key
        this.queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        this.alarm = Alarm.Builder.create(this, "Alarm")
                .alarmName(alarmNamePrefix + "-" + id.toLowerCase(java.util.Locale.ROOT) + "-delivery-dlq-Critical")
                .alarmDescription("Alarm notifications are stuck undelivered in " + id + ". Runbook: "
                        + runbooks.link(AlarmKind.ALARM_DELIVERY))
                .metric(queue.metricApproximateNumberOfMessagesVisible().with(
                        software.amazon.awscdk.services.cloudwatch.MetricOptions.builder().period(Duration.minutes(1)).build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    Queue queue() {
        return queue;
    }

    Alarm alarm() {
        return alarm;
    }
}
