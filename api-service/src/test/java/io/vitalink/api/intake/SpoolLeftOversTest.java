package io.vitalink.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.MatchRequest;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.topic.TopicSerdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spool folders a crashed run left behind are removed; those in use are not. */
class SpoolLeftOversTest {

    private static final TopicSerdes SERDES = new TopicSerdes(FieldCipher.ephemeral());

    @TempDir
    Path parent;

    @Test
    void removesTheSpoolFoldersNoProcessHoldsAndNothingElse() throws IOException {
        Path crashed = Files.createDirectories(parent.resolve("upload-123"));
        Files.writeString(crashed.resolve("requests.bin"), "sealed rows");
        Files.createFile(crashed.resolve(Spool.IN_USE));
        Files.createDirectories(crashed.resolve("ids"));
        Files.writeString(crashed.resolve("ids").resolve("000001.sst"), "ids");
        FileTime old = FileTime.from(Instant.now().minus(Spool.CREATION_GRACE.multipliedBy(2)));
        Path oldWithoutLock = Files.createDirectories(parent.resolve("upload-456"));
        Files.setLastModifiedTime(Files.writeString(oldWithoutLock.resolve("requests.bin"), "rows"), old);
        Files.setLastModifiedTime(oldWithoutLock, old);
        Path beingCreated = Files.createDirectories(parent.resolve("upload-789"));
        Path beingWrittenWithoutLock = Files.createDirectories(parent.resolve("upload-abc"));
        Files.writeString(beingWrittenWithoutLock.resolve("requests.bin"), "rows still coming");
        Files.setLastModifiedTime(beingWrittenWithoutLock, old);
        Path notOurs = Files.writeString(parent.resolve("notes.txt"), "kept");

        int removed = Spool.removeLeftOvers(parent);

        assertThat(removed).isEqualTo(2);
        assertThat(crashed).doesNotExist();
        assertThat(oldWithoutLock).doesNotExist();
        assertThat(beingCreated).as("may be another instance's, just made").exists();
        assertThat(beingWrittenWithoutLock).as("written to a moment ago").exists();
        assertThat(notOurs).exists();
    }

    @Test
    void keepsASpoolThatIsOpenAndItIsStillDeletedOnClose() throws IOException {
        Path dir;
        try (Spool spool = Spool.create(parent, SERDES.codec(MatchRequest.class), MatchRequest::getRecordId)) {
            try (var dirs = Files.list(parent)) {
                dir = dirs.filter(p -> p.getFileName().toString().startsWith("upload-")).findFirst().orElseThrow();
            }

            assertThat(Spool.removeLeftOvers(parent)).isZero();
            assertThat(dir.resolve(Spool.IN_USE)).exists();
            assertThat(Spool.removeLeftOvers(parent.resolve("..").resolve(parent.getFileName()))).as("however named").isZero();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void aMissingSpoolDirectoryIsNothingToRemove() {
        assertThat(Spool.removeLeftOvers(parent.resolve("not-made-yet"))).isZero();
    }
}
