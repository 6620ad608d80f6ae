/** Scopes ({@code action:pattern} with optional constraints), their index, coverage and attenuation. */
package clasp.security.internal.scope;
