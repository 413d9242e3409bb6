package dev.thestack.services.instrumentation;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Entity;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The X-Ray trace context one service hands the next: {@code Root=1-5759e988-bd862e3fe1be46a994272793;
 * Parent=53995c3f42cd8ad8;Sampled=1}, as the {@value #HTTP_HEADER} HTTP header, SQS's {@code AWSTraceHeader}
 * system attribute and EventBridge's {@code TraceHeader} field carry it.
 *
 * @param root     the trace id: version 1, the trace's start in epoch seconds (8 hex digits), 24 random hex digits
 * @param parent   the id of the segment or subsegment that made the call (16 hex digits), or null at a trace's start
 * @param sampling whether the trace is recorded
 */
public record TraceHeader(String root, String parent, Sampling sampling) {
    public static final String HTTP_HEADER = "X-Amzn-Trace-Id";
    /** What the Lambda runtime sets for each invocation: the Java runtime's system property, then the variable. */
    public static final String LAMBDA_PROPERTY = "com.amazonaws.xray.traceHeader";
    public static final String LAMBDA_VARIABLE = "_X_AMZN_TRACE_ID";
    /** Far above any real header (about 100 characters with Lineage or Self): refuses garbage before splitting it. */
    public static final int MAX_LENGTH = 512;

    private static final Logger LOG = LogManager.getLogger(TraceHeader.class);
    private static final Pattern ROOT = Pattern.compile("1-[0-9a-f]{8}-[0-9a-f]{24}");
    private static final Pattern PARENT = Pattern.compile("[0-9a-f]{16}");
    private static final String ROOT_EXAMPLE = "Root=1-5759e988-bd862e3fe1be46a994272793";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The Sampled field: 1, 0, or absent/{@code ?} when the receiver is to decide. */
    public enum Sampling {
        SAMPLED, NOT_SAMPLED, UNDECIDED
    }

    public TraceHeader {
        if (root == null || !ROOT.matcher(root).matches()) {
            throw new IllegalArgumentException("trace root must look like 1-<8 hex digits>-<24 hex digits>"
                    + " (e.g. 1-5759e988-bd862e3fe1be46a994272793), not '" + root + "'");
        }
        if (parent != null && !PARENT.matcher(parent).matches()) {
            throw new IllegalArgumentException("trace parent must be 16 lower-case hex digits"
                    + " (e.g. 53995c3f42cd8ad8), not '" + parent + "'");
        }
        Objects.requireNonNull(sampling, "sampling");
    }

    /**
     * Reads a header value; refuses, naming the part that is wrong, what is not one. Fields other than Root,
     * Parent and Sampled (Self, Lineage) are valid but not carried on.
     */
    public static TraceHeader parse(String header) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException(HTTP_HEADER + " is empty; it needs at least " + ROOT_EXAMPLE);
        }
        if (header.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(HTTP_HEADER + " is " + header.length()
                    + " characters long; a trace header has at most " + MAX_LENGTH);
        }
        String root = null;
        String parent = null;
        Sampling sampling = Sampling.UNDECIDED;
        for (String field : header.split(";", -1)) {
            String trimmed = field.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(HTTP_HEADER + " field '" + trimmed
                        + "' is not key=value; write fields such as " + ROOT_EXAMPLE + " separated by ;");
            }
            String key = trimmed.substring(0, equals);
            String value = trimmed.substring(equals + 1);
            switch (key) {
                case "Root" -> root = value;
                case "Parent" -> parent = value;
                case "Sampled" -> sampling = sampling(value);
                default -> {
                    // Self (load balancers) and Lineage (Lambda's loop detection) are for AWS to read
                }
            }
        }
        if (root == null) {
            throw new IllegalArgumentException(HTTP_HEADER + " '" + header + "' has no Root field; it needs "
                    + ROOT_EXAMPLE);
        }
        return new TraceHeader(root, parent, sampling);
    }

    /**
     * Reads a header a caller or a message sent, for code on the request path: empty when there is none or it is
     * malformed (logged as a warning with the reason), so the receiver starts a trace of its own instead of failing.
     */
    public static Optional<TraceHeader> parseInbound(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(header));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a malformed inbound trace header, a new trace starts here: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** A new trace, started now, that the receiver samples as it decides. */
    public static TraceHeader newTrace() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String start = String.format("%08x", Instant.now().getEpochSecond());
        return new TraceHeader("1-" + start + "-" + HexFormat.of().formatHex(random), null, Sampling.UNDECIDED);
    }

    /**
     * The context of the code running now, to hand on to what it calls: the current X-Ray segment or subsegment
     * (which becomes the receiver's parent), else what the Lambda runtime gave the invocation; empty outside
     * any trace.
     */
    public static Optional<TraceHeader> current() {
        return current(System.getenv());
    }

    static Optional<TraceHeader> current(Map<String, String> environment) {
        Entity entity = AWSXRay.getGlobalRecorder().getTraceEntity();
        // a no-op segment (X-Ray in Lambda makes one when the runtime gave no trace) has no id to name as parent
        if (entity != null && entity.getId() != null && !entity.getId().isEmpty()) {
            return Optional.of(new TraceHeader(entity.getTraceId().toString(), entity.getId(),
                    entity.getParentSegment().isSampled() ? Sampling.SAMPLED : Sampling.NOT_SAMPLED));
        }
        String fromRuntime = System.getProperty(LAMBDA_PROPERTY);
        return parseInbound(fromRuntime != null && !fromRuntime.isBlank() ? fromRuntime : environment.get(LAMBDA_VARIABLE));
    }

    /** The same trace with another caller. */
    public TraceHeader withParent(String parentId) {
        return new TraceHeader(root, parentId, sampling);
    }

    /** The header value, fields in X-Ray's order; an undecided sampling is left out (the receiver decides). */
    public String format() {
        StringBuilder header = new StringBuilder("Root=").append(root);
        if (parent != null) {
            header.append(";Parent=").append(parent);
        }
        switch (sampling) {
            case SAMPLED -> header.append(";Sampled=1");
            case NOT_SAMPLED -> header.append(";Sampled=0");
            case UNDECIDED -> {
                // absent: the receiver applies its own sampling rules
            }
        }
        return header.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    private static Sampling sampling(String value) {
        return switch (value) {
            case "1" -> Sampling.SAMPLED;
            case "0" -> Sampling.NOT_SAMPLED;
            case "?" -> Sampling.UNDECIDED;
            default -> throw new IllegalArgumentException(HTTP_HEADER + " field Sampled must be 1, 0 or ?, not '"
                    + value + "'");
        };
    }
}
