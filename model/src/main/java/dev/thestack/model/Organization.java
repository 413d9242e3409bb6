package dev.thestack.model;

import java.util.List;

/**
 * The AWS organization.
 *
 * @param name            short name, used in resource names
 * @param id              Organizations id ({@code o-...}); resource policies admit only this organization
 * @param rootId          the root ({@code r-...}) top-level OUs hang from
 * @param homeRegion      where every stack deploys unless an account names another governed region
 * @param governedRegions the regions Control Tower governs; nothing deploys elsewhere
 */
public record Organization(String name, String id, String rootId, String homeRegion, List<String> governedRegions) {
    public Organization {
        governedRegions = List.copyOf(governedRegions);
    }
}
