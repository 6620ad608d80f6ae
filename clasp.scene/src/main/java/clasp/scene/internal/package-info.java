/** Scenes: saved sets of params, their JSON files, recall and fade, the shell commands and the control address; not exported. */
package clasp.scene.internal;
