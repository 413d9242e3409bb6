package dev.thestack.governance;

import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.OrganizationalUnit;
import dev.thestack.model.ServiceControlPolicyKind;
import dev.thestack.model.StackConfig;
import software.amazon.awscdk.CfnTag;
import software.amazon.awscdk.services.organizations.CfnAccount;
import software.amazon.awscdk.services.organizations.CfnOrganizationalUnit;
import software.amazon.awscdk.services.organizations.CfnPolicy;
import software.constructs.Construct;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The organization's OUs, their service control policies and member accounts, in the management account. OUs are
 * created parents first; each member account is placed in the OU the model names. The management account itself is never a resource here:
 * it is the account that deploys this stack.
 */
public final class OrganizationStructure extends Construct {
    private final Map<String, CfnOrganizationalUnit> unitsByPath = new LinkedHashMap<>();
    private final Map<String, CfnAccount> accountsByName = new LinkedHashMap<>();
    private final List<CfnPolicy> policies = new java.util.ArrayList<>();

    public OrganizationStructure(Construct scope, String id, StackConfig config) {
        super(scope, id);
        for (OrganizationalUnit ou : parentsFirst(config.organizationalUnits())) {
            String parentId = ou.parentPath().map(p -> unitsByPath.get(p).getAttrId())
                    .orElse(config.organization().rootId());
            unitsByPath.put(ou.path(), CfnOrganizationalUnit.Builder.create(this, constructId(ou))
                    .name(ou.name())
                    .parentId(parentId)
                    .build());
        }
        for (OrganizationalUnit ou : config.organizationalUnits()) {
            List<ServiceControlPolicies.PolicyDocument> documents = ServiceControlPolicies.forUnit(config, ou);
            for (int i = 0; i < documents.size(); i++) {
                ServiceControlPolicies.PolicyDocument document = documents.get(i);
                String name = config.organization().name() + "-" + ou.path().replace('/', '-').replace(' ', '-')
                        + "-guardrails" + (documents.size() == 1 ? "" : "-" + (i + 1));
                policies.add(CfnPolicy.Builder.create(this, "Scp:" + ou.path().replace('/', ':') + ":" + (i + 1))
                        .name(name)
                        .type("SERVICE_CONTROL_POLICY")
                        .description(document.kinds().stream().map(ServiceControlPolicyKind::meaning)
                                .collect(java.util.stream.Collectors.joining("; ")))
                        .content(document.content())
                        .targetIds(List.of(unitsByPath.get(ou.path()).getAttrId()))
                        .build());
            }
        }
        for (Account account : config.accounts()) {
            if (account.role() == AccountRole.MANAGEMENT) {
                continue;
            }
            CfnOrganizationalUnit ou = unitsByPath.get(account.ouPath().orElseThrow());
            accountsByName.put(account.name(), CfnAccount.Builder.create(this, "Account-" + account.name())
                    .accountName(account.name())
                    .email(account.email())
                    .parentIds(List.of(ou.getAttrId()))
                    .tags(List.of(CfnTag.builder().key("Team").value(account.team()).build(),
                            CfnTag.builder().key("AccountRole").value(account.role().yamlName()).build()))
                    .build());
        }
    }

    public Map<String, CfnOrganizationalUnit> unitsByPath() {
        return Collections.unmodifiableMap(unitsByPath);
    }

    public List<CfnPolicy> serviceControlPolicies() {
        return Collections.unmodifiableList(policies);
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

    /** Model order need not put parents first; depth order does, since a parent's path is a prefix of its child's. */
    private static List<OrganizationalUnit> parentsFirst(List<OrganizationalUnit> units) {
        return units.stream().sorted(java.util.Comparator.comparingInt(OrganizationalUnit::depth)).toList();
    }
}
