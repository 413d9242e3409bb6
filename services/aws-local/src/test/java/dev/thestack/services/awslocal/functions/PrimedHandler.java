package dev.thestack.services.awslocal.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/** Reports which of the CRaC runtime hooks ran before its first invocation. */
public final class PrimedHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private volatile boolean primed;
    private volatile boolean restored;

    public PrimedHandler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        primed = true;
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        restored = true;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("primed", primed, "restored", restored);
    }
}
