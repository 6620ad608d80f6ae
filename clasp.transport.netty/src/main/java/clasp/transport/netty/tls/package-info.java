/**
 * TLS for every CLASP listener: {@link clasp.transport.netty.tls.TlsSettings} (a keystore or PEM files, client
 * authentication), {@link clasp.transport.netty.tls.ServerKeys} (the key material they name, or the generated
 * {@link clasp.transport.netty.tls.DevCertificate development certificate}, as key and trust managers and as a Netty
 * server context) and {@link clasp.transport.netty.tls.PeerIdentity} (a client certificate's subject, the identity a
 * TLS connection reports to the router). Everything here runs once per listener start, never per message.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.transport.netty.tls;
