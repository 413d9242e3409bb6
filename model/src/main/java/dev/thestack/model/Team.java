package dev.thestack.model;

/** @param email where the team is reached; @param costCenter billed for what the team owns */
public record Team(String name, String email, String costCenter) {
}
