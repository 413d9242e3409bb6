package dev.thestack.model;

/**
 * The alarm-name convention the routing depends on: {@code <team>.<service>.<account>-<what>-<Severity>}. A
 * CloudWatch alarm state-change event carries the alarm's name and account but not its tags, so the owning team
 * is the first word and the severity the last; the account gives the environment.
 */
public final class AlarmNames {
    private AlarmNames() {
    }

    /** What every alarm of one service in one account starts with. */
    public static String prefix(String team, String service, String accountName) {
        return team + "." + service + "." + accountName;
    }

    /** An EventBridge wildcard matching every alarm of a team with a severity. */
    public static String wildcard(String team, Severity severity) {
        return team + ".*-" + severity.alarmKey();
    }
}
