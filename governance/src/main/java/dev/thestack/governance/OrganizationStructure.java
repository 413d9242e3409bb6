package dev.thestack.governance;

import dev.thestack.model.StableJson;
import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.ControlTower;
import dev.thestack.model.OrganizationalUnit;
import dev.thestack.model.ServiceControlPolicyKind;
import dev.thestack.model.StackConfig;
import software.amazon.awscdk.CfnTag;
import software.amazon.awscdk.services.organizations.CfnAccount;
import software.amazon.awscdk.services.organizations.CfnOrganizationalUnit;
import software.amazon.awscdk.services.organizations.CfnPolicy;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The organization's OUs, their service control policies, the tag policy and the member accounts, in the management
 * account. OUs are created parents first, except those that already exist (stack.yaml gives their id) and, on
 * landing zone 3.3, the security and sandbox OUs Control Tower creates itself. The management account is never a
 * resource here: it is the account that deploys this stack.
 */
public final class OrganizationStructure extends Construct {
    /** How each OU is referred to: its id and ARN, as tokens for the OUs this stack creates. */
    public record OuReference(String id, String arn) {
    }

    private final Map<String, CfnOrganizationalUnit> createdUnits = new LinkedHashMap<>();
    private final Map<String, OuReference> references = new LinkedHashMap<>();
    private final Map<String, CfnAccount> accountsByName = new LinkedHashMap<>();
    private final List<CfnPolicy> policies = new ArrayList<>();
    private final CfnPolicy tagPolicy;

    public OrganizationStructure(Construct scope, String id, StackConfig config) {
        super(scope, id);
        String managementId = config.accountWithRole(AccountRole.MANAGEMENT).id();
        for (OrganizationalUnit ou : treeOrder(config.organizationalUnits())) {
            if (ou.existingId().isPresent()) {
                String ouId = ou.existingId().get();
                references.put(ou.path(), new OuReference(ouId, "arn:aws:organizations::" + managementId + ":ou/"
                        + config.organization().id() + "/" + ouId));
            } else if (!createdByControlTower(config, ou)) {
                String parentId = ou.parentPath().map(p -> references.get(p).id()).orElse(config.organization().rootId());
                CfnOrganizationalUnit unit = CfnOrganizationalUnit.Builder.create(this, constructId(ou))
                        .name(ou.name())
                        .parentId(parentId)
                        .build();
                createdUnits.put(ou.path(), unit);
                references.put(ou.path(), new OuReference(unit.getAttrId(), unit.getAttrArn()));
            }
        }
        for (OrganizationalUnit ou : config.organizationalUnits()) {
            List<ServiceControlPolicies.PolicyDocument> documents = ServiceControlPolicies.forUnit(config, ou);
            for (int i = 0; i < documents.size(); i++) {
                ServiceControlPolicies.PolicyDocument document = documents.get(i);
                policies.add(CfnPolicy.Builder.create(this, "Scp:" + ou.path().replace('/', ':') + ":" + (i + 1))
                        .name(policyName(config, ou, documents.size(), i))
                        .type("SERVICE_CONTROL_POLICY")
                        .description(document.kinds().stream().map(ServiceControlPolicyKind::meaning)
                                .collect(Collectors.joining("; ")))
                        .content(StableJson.sorted(document.content()))
                        .targetIds(List.of(references.get(ou.path()).id()))
                        .build());
            }
        }
        // Attached at the root: cost tags are the same for every account, management included.
        tagPolicy = CfnPolicy.Builder.create(this, "TagPolicy")
                .name(config.organization().name() + "-cost-allocation-tags")
                .type("TAG_POLICY")
                .description("Cost-allocation tags: " + String.join(", ", TagPolicyDocument.keys(config))
                        + ", their capitalization and allowed values")
                .content(StableJson.sorted(TagPolicyDocument.of(config)))
                .targetIds(List.of(config.organization().rootId()))
                .build();
        for (Account account : config.accounts()) {
            if (account.role() == AccountRole.MANAGEMENT) {
                continue;
            }
            // only the log archive and audit accounts can sit in an OU Control Tower has yet to create (validated):
            // they start at the root and Control Tower moves them into its security OU
            String parentId = Optional.ofNullable(references.get(account.ouPath().orElseThrow())).map(OuReference::id)
                    .orElse(config.organization().rootId());
            accountsByName.put(account.name(), CfnAccount.Builder.create(this, "Account-" + account.name())
                    .accountName(account.name())
                    .email(account.email())
                    .parentIds(List.of(parentId))
                    .tags(List.of(CfnTag.builder().key("Team").value(account.team()).build(),
                            CfnTag.builder().key("AccountRole").value(account.role().yamlName()).build()))
                    .build());
        }
    }

    /** On landing zone 3.3 the security and sandbox OUs named in the manifest belong to Control Tower: it creates and registers them. */
    static boolean ownedByControlTower(StackConfig config, OrganizationalUnit ou) {
        Optional<ControlTower> tower = config.controlTower()
                .filter(t -> t.version().controlTowerCreatesSecurityAndSandboxOus());
        return tower.isPresent()
                && (ou.path().equals(config.securityOuPath()) || tower.get().sandboxOu().equals(Optional.of(ou.path())));
    }

    /** An OU Control Tower has yet to create: stack.yaml does not give its id yet. */
    static boolean createdByControlTower(StackConfig config, OrganizationalUnit ou) {
        return ou.existingId().isEmpty() && ownedByControlTower(config, ou);
    }

    /** Organizations' limit on a policy name. */
    static final int MAX_POLICY_NAME = 128;

    /**
     * Readable and unique: an OU path turned into a name can collide ('Workloads/Prod' and a top-level
     * 'Workloads-Prod', 'My OU' and 'My-OU') or run past 128 characters, so such names carry a hash of the path.
     */
    static String policyName(StackConfig config, OrganizationalUnit ou, int count, int index) {
        String readable = ou.path().replace('/', '-').replace(' ', '-');
        String suffix = "-guardrails" + (count == 1 ? "" : "-" + (index + 1));
        String name = config.organization().name() + "-" + readable + suffix;
        if (readable.equals(ou.path()) && name.length() <= MAX_POLICY_NAME) {
            return name;
        }
        String hash = Integer.toHexString(ou.path().hashCode() & 0xfffffff);
        String prefix = config.organization().name() + "-" + readable;
        int room = MAX_POLICY_NAME - suffix.length() - hash.length() - 1;
        return prefix.substring(0, Math.min(prefix.length(), room)) + "-" + hash + suffix;
    }

    /** The id and ARN of an OU this stack can refer to; empty for an OU Control Tower has yet to create. */
    public Optional<OuReference> reference(String ouPath) {
        return Optional.ofNullable(references.get(ouPath));
    }

    public Map<String, CfnOrganizationalUnit> createdUnits() {
        return Collections.unmodifiableMap(createdUnits);
    }

    public List<CfnPolicy> serviceControlPolicies() {
        return Collections.unmodifiableList(policies);
    }

    public CfnPolicy tagPolicy() {
        return tagPolicy;
    }

    public Map<String, CfnAccount> accountsByName() {
        return Collections.unmodifiableMap(accountsByName);
    }

    /**
     * ':' cannot appear in an OU name, so joining the path with it keeps ids of different OUs apart ('Workloads/Prod'
     * and an OU named 'Workloads-Prod' would collide if '/' became '-'). Construct ids cannot contain '/'.
     */
    static String constructId(OrganizationalUnit ou) {
        return "Ou:" + ou.path().replace('/', ':');
    }

    /**
     * The OUs as a tree reads: each OU followed by its children, siblings in stack.yaml order. Parents come first,
     * which is the order they can be created and registered in; the report lists them the same way.
     */
    public static List<OrganizationalUnit> treeOrder(List<OrganizationalUnit> units) {
        List<OrganizationalUnit> ordered = new ArrayList<>();
        addChildren(units, Optional.empty(), ordered);
        return ordered;
    }

    private static void addChildren(List<OrganizationalUnit> units, Optional<String> parent, List<OrganizationalUnit> ordered) {
        for (OrganizationalUnit ou : units) {
            if (ou.parentPath().equals(parent)) {
                ordered.add(ou);
                addChildren(units, Optional.of(ou.path()), ordered);
            }
        }
    }
}
