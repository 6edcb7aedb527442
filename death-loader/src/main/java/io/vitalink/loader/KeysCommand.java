package io.vitalink.loader;

import io.vitalink.crypto.Keysets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code death-loader keys new|rotate-field}: creates and rotates the keysets every service is given. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Creates or rotates the Tink keysets that seal identifiers, names and causes of death.",
        subcommands = {KeysCommand.NewKeys.class, KeysCommand.RotateField.class})
final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Writes id-keyset.json (AES-SIV) and field-keyset.json (AES-GCM) into DIR, readable by the owner only.",
                "Refuses to overwrite existing keysets: data sealed with them could never be read again."})
    static final class NewKeys implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the two keyset files.")
        Path out;

        @Override
        public Integer call() throws IOException {
            Map<String, String> files = Keysets.settingsFor(out);
            for (String file : files.values()) {
                if (Files.exists(Path.of(file))) {
                    spec.commandLine().getErr().println("death-loader: " + file + " exists; not overwritten");
                    return DeathLoaderCli.EXIT_USAGE;
                }
            }
            Keysets.writeNew(out);
            files.forEach((setting, file) -> spec.commandLine().getOut().println(setting + "=" + file));
            return DeathLoaderCli.EXIT_OK;
        }
    }

    @Command(name = "rotate-field", mixinStandardHelpOptions = true,
            description = {"Adds a new AES-GCM key to a field keyset and makes it primary: new data is sealed with it,",
                "data sealed earlier still opens with the older keys. Give every service the new file, then restart them."})
    static final class RotateField implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The field keyset (field-keyset.json).")
        Path file;

        @Override
        public Integer call() {
            try {
                Keysets.rotateFieldKeyset(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            spec.commandLine().getOut().println("rotated " + file);
            return DeathLoaderCli.EXIT_OK;
        }
    }
}
