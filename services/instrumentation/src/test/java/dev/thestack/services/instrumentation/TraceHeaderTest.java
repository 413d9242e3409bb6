package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.TraceID;
import dev.thestack.services.instrumentation.TraceHeader.Sampling;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceHeaderTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String PARENT = "53995c3f42cd8ad8";

    @Test
    void readsWhatLambdaAndLoadBalancersSend() {
        assertThat(TraceHeader.parse("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1"))
                .isEqualTo(new TraceHeader(ROOT, PARENT, Sampling.SAMPLED));
        assertThat(TraceHeader.parse("Self=1-67891234-12456789abcdef012345678;Root=" + ROOT + ";Sampled=0"))
                .isEqualTo(new TraceHeader(ROOT, null, Sampling.NOT_SAMPLED));
        assertThat(TraceHeader.parse(" Root=" + ROOT + " ; Parent=" + PARENT + ";Sampled=?;Lineage=a87bd80c:1 "))
                .isEqualTo(new TraceHeader(ROOT, PARENT, Sampling.UNDECIDED));
    }

    @Test
    void formatsInXRaysOrderAndReadsBackTheSame() {
        TraceHeader trace = new TraceHeader(ROOT, PARENT, Sampling.SAMPLED);

        assertThat(trace.format()).isEqualTo("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1");
        assertThat(TraceHeader.parse(trace.format())).isEqualTo(trace);
        assertThat(new TraceHeader(ROOT, null, Sampling.UNDECIDED).format()).isEqualTo("Root=" + ROOT);
        assertThat(trace.withParent("0123456789abcdef").format())
                .isEqualTo("Root=" + ROOT + ";Parent=0123456789abcdef;Sampled=1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"| X-Amzn-Trace-Id is empty; it needs at least Root=1-5759e988-bd862e3fe1be46a994272793",
            "Parent=53995c3f42cd8ad8;Sampled=1| X-Amzn-Trace-Id 'Parent=53995c3f42cd8ad8;Sampled=1' has no Root field;"
                    + " it needs Root=1-5759e988-bd862e3fe1be46a994272793",
            "Root=2-5759e988-bd862e3fe1be46a994272793| trace root must look like 1-<8 hex digits>-<24 hex digits>"
                    + " (e.g. 1-5759e988-bd862e3fe1be46a994272793), not '2-5759e988-bd862e3fe1be46a994272793'",
            "Root=1-5759e988-BD862E3FE1BE46A994272793| trace root must look like 1-<8 hex digits>-<24 hex digits>"
                    + " (e.g. 1-5759e988-bd862e3fe1be46a994272793), not '1-5759e988-BD862E3FE1BE46A994272793'",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=xyz| trace parent must be 16 lower-case hex digits"
                    + " (e.g. 53995c3f42cd8ad8), not 'xyz'",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=yes| X-Amzn-Trace-Id field Sampled must be 1, 0 or ?, not 'yes'",
            "Root=1-5759e988-bd862e3fe1be46a994272793;garbage| X-Amzn-Trace-Id field 'garbage' is not key=value;"
                    + " write fields such as Root=1-5759e988-bd862e3fe1be46a994272793 separated by ;",
    })
    void malformedHeaderIsRefusedSayingWhatIsWrong(String header, String message) {
        assertThatThrownBy(() -> TraceHeader.parse(header))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThat(TraceHeader.parseInbound(header)).isEmpty();
    }

    @Test
    void oversizedHeaderIsRefusedBeforeItIsSplit() {
        String huge = "Root=" + ROOT + ";" + "x=y;".repeat(200);

        assertThatThrownBy(() -> TraceHeader.parse(huge)).hasMessage("X-Amzn-Trace-Id is " + huge.length() + " characters long;"
                + " a trace header has at most 512");
        assertThat(TraceHeader.parseInbound(huge)).isEmpty();
    }

    @Test
    void newTraceStartsNowWithARandomId() {
        long before = Instant.now().getEpochSecond();
        TraceHeader first = TraceHeader.newTrace();
        TraceHeader second = TraceHeader.newTrace();

        assertThat(Long.parseLong(first.root().substring(2, 10), 16)).isBetween(before, Instant.now().getEpochSecond());
        assertThat(first.root()).isNotEqualTo(second.root());
        assertThat(first.parent()).isNull();
        assertThat(TraceHeader.parse(first.format())).isEqualTo(first);
    }

    @Test
    void currentOutsideASegmentIsWhatTheLambdaRuntimeGave() {
        String header = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1";

        assertThat(TraceHeader.current(Map.of(TraceHeader.LAMBDA_VARIABLE, header)))
                .contains(new TraceHeader(ROOT, PARENT, Sampling.SAMPLED));
        assertThat(TraceHeader.current(Map.of(TraceHeader.LAMBDA_VARIABLE, "Root=broken"))).isEmpty();
        assertThat(TraceHeader.current(Map.of())).isEmpty();
    }

    @Test
    void aNoOpSegmentIsNoTrace() {
        // what X-Ray's Lambda context begins when an invocation came without a trace header
        AWSXRay.getGlobalRecorder().setTraceEntity(Segment.noOp(TraceID.create(), AWSXRay.getGlobalRecorder()));
        try {
            assertThat(TraceHeader.current(Map.of())).isEmpty();
            String header = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1";
            assertThat(TraceHeader.current(Map.of(TraceHeader.LAMBDA_VARIABLE, header)))
                    .contains(new TraceHeader(ROOT, PARENT, Sampling.SAMPLED));
        } finally {
            AWSXRay.clearTraceEntity();
        }
    }
}
