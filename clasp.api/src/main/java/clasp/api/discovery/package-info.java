/**
 * Service announcement whiteboard: a bundle that wants a service of its own found on the local network (an
 * OSCQuery server as {@code _oscjson._tcp}, an OSC port as {@code _osc._udp}, …) registers an
 * {@link clasp.api.discovery.Announcement} service; the discovery bundle ({@code clasp.discovery}) announces it
 * over mDNS / DNS-SD on the interfaces it is configured for while the service is registered, and withdraws it when
 * the service is unregistered or the discovery bundle stops. The announcing bundle needs no mDNS library and works
 * unchanged when no discovery bundle runs (then nothing is announced).
 *
 * <p>The values are read when the service is registered and again when its service properties are modified; to
 * announce another port or TXT, modify the registration's properties or register a new service. An announcement
 * whose values break the rules in {@link clasp.api.discovery.Announcement} is not announced (the discovery bundle
 * logs it).
 *
 * <p>The router's own listeners ({@code _clasp._tcp}) are announced by the discovery bundle itself; they need no
 * {@code Announcement}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.api.discovery;
