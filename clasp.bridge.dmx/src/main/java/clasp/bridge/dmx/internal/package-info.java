/**
 * The DMX bridge: {@link clasp.bridge.dmx.internal.DmxBridge} (one per factory configuration {@code clasp.bridge.dmx})
 * keeps the output universe's {@link clasp.bridge.dmx.internal.Look}, which the
 * {@link clasp.bridge.dmx.internal.DmxLine}'s writer thread sends at a fixed rate through an
 * {@link clasp.bridge.dmx.internal.EnttecPro} (widget framing: {@link clasp.bridge.dmx.internal.Widget},
 * {@link clasp.bridge.dmx.internal.WidgetDecoder}, {@link clasp.bridge.dmx.internal.WidgetInput}) or an
 * {@link clasp.bridge.dmx.internal.OpenDmx}; {@link clasp.bridge.dmx.internal.JSerialCommPorts} is the default
 * {@link clasp.bridge.dmx.SerialPorts}. Nothing here is exported.
 */
package clasp.bridge.dmx.internal;
