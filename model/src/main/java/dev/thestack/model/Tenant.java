package dev.thestack.model;

/** @param account the workload account that serves this tenant */
public record Tenant(String name, String account) {
}
