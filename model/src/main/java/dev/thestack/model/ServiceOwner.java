package dev.thestack.model;

/** @param service one of {@link StackConfig#KNOWN_SERVICES}; @param team the team that owns it and its alarms */
public record ServiceOwner(String service, String team) {
}
