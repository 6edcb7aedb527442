package io.vitalink.application;

import io.vitalink.avro.Application;
import java.util.Set;

/** What {@link ApplicationRules#resolve} decided for a job: the application it runs under, or why it may not run. */
public sealed interface ApplicationCheck {

    /** The job runs under {@code application} and its results carry {@code fields}. */
    record Allowed(Application application, Set<FieldGroup> fields) implements ApplicationCheck {
    }

    record Refused(Refusal refusal) implements ApplicationCheck {
    }
}
