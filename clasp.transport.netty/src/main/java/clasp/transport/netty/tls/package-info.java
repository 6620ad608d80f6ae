/**
 * TLS for every CLASP listener: {@link clasp.transport.netty.tls.TlsSettings} (a keystore or PEM files, client
 * authentication), {@link clasp.transport.netty.tls.ServerKeys} (the key material they name, or the generated
 * {@link clasp.transport.netty.tls.DevCertificate development certificate}, as key and trust managers and as a Netty
 * server context), {@link clasp.transport.netty.tls.PeerIdentity} (a client certificate's subject, the identity a
 * TLS connection reports to the router), {@link clasp.transport.netty.tls.TlsPolicy} (minimum version, cipher suites)
 * and {@link clasp.transport.netty.tls.ServerTls} (a listener's server context, reloaded when its key files change).
 * Key material is loaded when a listener starts or its files change, never per message.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package clasp.transport.netty.tls;
