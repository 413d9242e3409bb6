package dev.thestack.services.graphql;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The request's headers as API Gateway passes them: {@code headers} holds the last value of each header as the
 * client spelled its name, {@code multiValueHeaders} every value. A header is looked up in both and in any case,
 * so {@code x-tenant-id} and {@code X-Tenant-Id} are the same header. Either map may be missing (a direct
 * invoke), and a Java caller may put a null name or value in them: neither matches anything.
 */
public final class RequestHeaders {
    private final Map<String, String> single;
    private final Map<String, List<String>> multi;

    public RequestHeaders(Map<String, String> single, Map<String, List<String>> multi) {
        this.single = single == null ? Map.of() : single;
        this.multi = multi == null ? Map.of() : multi;
    }

    public static RequestHeaders of(APIGatewayProxyRequestEvent event) {
        return new RequestHeaders(event.getHeaders(), event.getMultiValueHeaders());
    }

    /**
     * The header's value without surrounding whitespace (which HTTP does not count as part of it); empty when
     * the request has no such header. Refused when the request gives it more than once with different values:
     * which one a proxy or authorizer in front of this function read is unknowable, so neither may be used.
     */
    public Optional<String> value(String name) {
        Set<String> values = new LinkedHashSet<>();
        single.forEach((key, value) -> {
            if (name.equalsIgnoreCase(key) && value != null) {
                values.add(value.strip());
            }
        });
        multi.forEach((key, list) -> {
            if (name.equalsIgnoreCase(key) && list != null) {
                list.stream().filter(Objects::nonNull).forEach(value -> values.add(value.strip()));
            }
        });
        if (values.size() > 1) {
            throw new RejectedRequestException("Header " + name + " is given twice with different values; send it once");
        }
        return values.stream().findFirst();
    }
}
