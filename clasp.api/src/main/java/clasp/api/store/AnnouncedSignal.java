package clasp.api.store;

import clasp.api.message.SignalDefinition;

/**
 * A signal definition as ANNOUNCE registered it, kept by a store so that it outlives a restart.
 *
 * @param definition  the definition, with its meta, as announced
 * @param announcedAt when it was last announced, µs since the epoch (router clock); it expires an hour later
 * @since 1.2
 */
public record AnnouncedSignal(SignalDefinition definition, long announcedAt) {
}
