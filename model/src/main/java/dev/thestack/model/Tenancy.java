package dev.thestack.model;

/** Whether a workload account serves many tenants or is dedicated to one. */
public enum Tenancy {
    MULTI, SINGLE;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
