/**
 * Factory configurations kept as Config Admin configurations and as fileinstall's typed {@code .cfg} files, the way
 * the shell's create, update and delete commands and the web dashboard both keep them: {@link clasp.config.CfgFiles}
 * (the files), {@link clasp.config.TypedValues} (text to the value a MetaType attribute declares) and
 * {@link clasp.config.FactoryConfigurations} (named factory configurations {@code <factoryPid>~<name>}, location
 * "?", each tied to its file). No services, no threads.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.config;
