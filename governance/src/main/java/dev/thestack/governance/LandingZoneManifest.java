package dev.thestack.governance;

import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.ControlTower;
import dev.thestack.model.LandingZoneVersion;
import dev.thestack.model.StackConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The landing zone manifest, in the schema of the pinned version. 3.3 names the security and sandbox OUs Control
 * Tower creates; 4.0 has no organizationStructure (the user owns every OU), adds the Config integration, and
 * requires every integration's enabled flag.
 */
public final class LandingZoneManifest {
    private LandingZoneManifest() {
    }

    /**
     * @param accountId the id to write for an account: the model's, or a reference to the account this stack
     *                  creates, so Control Tower never starts before the account exists
     */
    public static Map<String, Object> of(StackConfig config, Function<Account, Object> accountId) {
        ControlTower tower = config.controlTower().orElseThrow(() -> new IllegalArgumentException("no controlTower in the model"));
        Object logs = accountId.apply(config.accountWithRole(AccountRole.LOGS));
        Object audit = accountId.apply(config.accountWithRole(AccountRole.AUDIT));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("governedRegions", config.organization().governedRegions());
        if (tower.version() == LandingZoneVersion.V3_3) {
            manifest.put("organizationStructure", Map.of(
                    "security", Map.of("name", leafName(config.securityOuPath())),
                    "sandbox", Map.of("name", leafName(tower.sandboxOu().orElseThrow()))));
        }
        manifest.put("centralizedLogging", integration(logs, retention(tower)));
        if (tower.version() == LandingZoneVersion.V4_0) {
            // Config delivers to the same log archive; its aggregator lives in the audit account, as in 3.x.
            manifest.put("config", integration(audit, retention(tower)));
            manifest.put("backup", Map.of("enabled", false));
        }
        Map<String, Object> securityRoles = new LinkedHashMap<>();
        securityRoles.put("accountId", audit);
        if (tower.version() == LandingZoneVersion.V4_0) {
            securityRoles.put("enabled", true);
        }
        manifest.put("securityRoles", securityRoles);
        manifest.put("accessManagement", Map.of("enabled", tower.identityCenter()));
        return manifest;
    }

    private static Map<String, Object> integration(Object accountId, Map<String, Object> configurations) {
        Map<String, Object> integration = new LinkedHashMap<>();
        integration.put("accountId", accountId);
        integration.put("enabled", true);
        integration.put("configurations", configurations);
        return integration;
    }

    private static Map<String, Object> retention(ControlTower tower) {
        Map<String, Object> configurations = new LinkedHashMap<>();
        configurations.put("loggingBucket", Map.of("retentionDays", tower.logRetentionDays()));
        configurations.put("accessLoggingBucket", Map.of("retentionDays", tower.accessLogRetentionDays()));
        return configurations;
    }

    /** 3.3 creates its OUs under the root, so the manifest takes a name, not a path (validation keeps them top-level). */
    private static String leafName(String path) {
        List<String> parts = List.of(path.split("/"));
        return parts.get(parts.size() - 1);
    }
}
