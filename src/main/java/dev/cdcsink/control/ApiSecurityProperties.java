package dev.cdcsink.control;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use {@code /api/**} (HTTP Basic). The operator may change the pipeline (pause, resume,
 * replay, redrive, generator); the viewer may only read. A blank password is generated at start-up
 * and logged once — except with the {@code prod} profile, which refuses to start without both.
 *
 * @param operator the account with the OPERATOR role (reads and state-changing calls); user name {@code operator}
 * @param viewer   the account with the VIEWER role (reads only); user name {@code viewer}
 */
@Validated
@ConfigurationProperties("cdc-sink.security")
public record ApiSecurityProperties(@Valid @NotNull Account operator, @Valid @NotNull Account viewer) {

    /**
     * @param username the user name
     * @param password the password; blank means generate one (not allowed with the prod profile)
     */
    public record Account(@NotBlank String username, @DefaultValue("") String password) {

        @Override
        public String toString() {
            return "Account[username=" + username + "]";
        }
    }
}
