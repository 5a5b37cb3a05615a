package dev.cdcsink.control;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /api/**} needs HTTP Basic: reads the VIEWER or OPERATOR role, changes the OPERATOR role.
 * The actuator's health, info and Prometheus endpoints stay open for probes and scrapers; health
 * shows details only to an authenticated caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSecurityProperties.class)
class ApiSecurityConfiguration {

    static final String OPERATOR = "OPERATOR";
    static final String VIEWER = "VIEWER";

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(VIEWER, OPERATOR)
                        .requestMatchers("/api/**").hasRole(OPERATOR)
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults())
                // a stateless API with Basic credentials on every call: no session, no CSRF token to carry
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ApiCredentials apiCredentials(ApiSecurityProperties properties, Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("prod"));
        return new ApiCredentials(password("operator", properties.operator(), production),
                password("viewer", properties.viewer(), production));
    }

    @Bean
    UserDetailsService apiUsers(ApiSecurityProperties properties, ApiCredentials credentials, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(
                User.withUsername(properties.operator().username()).password(encoder.encode(credentials.operatorPassword()))
                        .roles(OPERATOR).build(),
                User.withUsername(properties.viewer().username()).password(encoder.encode(credentials.viewerPassword()))
                        .roles(VIEWER).build());
    }

    private static String password(String account, ApiSecurityProperties.Account configured, boolean production) {
        if (!configured.password().isBlank()) {
            return configured.password();
        }
        if (production) {
            throw new IllegalStateException("cdc-sink.security." + account + ".password must be set with the prod "
                    + "profile (e.g. CDC_SINK_SECURITY_" + account.toUpperCase() + "_PASSWORD); it is not generated there");
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        log.warn("No cdc-sink.security.{}.password set: generated one for '{}': {}  (set it for anything but development)",
                account, configured.username(), generated);
        return generated;
    }
}
