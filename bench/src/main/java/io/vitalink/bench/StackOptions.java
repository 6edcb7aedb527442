package io.vitalink.bench;

import picocli.CommandLine.Option;

/** The options of every bench command that starts the README's stack: its ports, its heap, the child JVMs' classpath. */
final class StackOptions {

    @Option(names = "--api-port", defaultValue = "8190", description = "The stack's API port (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--kafka-port", defaultValue = "9193", description = "The stack's broker port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--management-port", defaultValue = "8191",
            description = "match-streams' management port; further instances take the ports after it (default: ${DEFAULT-VALUE}).")
    int managementPort;

    @Option(names = "--stack-heap", defaultValue = "2g", description = "-Xmx of the stack JVM (default: ${DEFAULT-VALUE}, as run-local.sh).")
    String heap;

    @Option(names = "--classpath", description = "Classpath of the child JVMs (default: this JVM's).")
    String classpath;

    StackProcess.Ports ports() {
        return new StackProcess.Ports(apiPort, kafkaPort, managementPort);
    }

    String childClasspath() {
        return classpath != null ? classpath : System.getProperty("java.class.path");
    }
}
