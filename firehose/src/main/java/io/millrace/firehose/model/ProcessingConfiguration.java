package io.millrace.firehose.model;

import java.util.List;

/** Wire shape {@code ProcessingConfiguration}. Processors apply only when {@code Enabled} is true. */
public record ProcessingConfiguration(Boolean enabled, List<Processor> processors) {

    /** Whether processors run at all; AWS treats an absent flag as disabled [UNVERIFIED]. */
    public boolean shouldRun() {
        return Boolean.TRUE.equals(enabled);
    }
}
