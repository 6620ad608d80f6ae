/**
 * What the MQTT bridge and the MQTT server adapter share, so that both map alike: MQTT payloads to CLASP values and
 * back in five formats ({@link clasp.mqtt.mapping.PayloadFormat}, bridges.md §7.3 and §0.1), and MQTT topic filters
 * ({@link clasp.mqtt.mapping.TopicFilters}: validity, matching, and the CLASP pattern of a filter). Stateless.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.mqtt.mapping;
