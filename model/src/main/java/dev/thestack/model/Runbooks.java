package dev.thestack.model;

/** @param baseUrl where the runbooks of runbooks/alarms are published; alarm descriptions link to baseUrl/NAME.md */
public record Runbooks(String baseUrl) {
    public String link(String fileName) {
        return baseUrl.endsWith("/") ? baseUrl + fileName : baseUrl + "/" + fileName;
    }
}
