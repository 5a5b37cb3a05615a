package dev.cdcsink.control;

/** The API passwords in force, configured or generated at start-up; for the dev-mode banner. */
public record ApiCredentials(String operatorPassword, String viewerPassword) {

    @Override
    public String toString() {
        return "ApiCredentials[hidden]";
    }
}
