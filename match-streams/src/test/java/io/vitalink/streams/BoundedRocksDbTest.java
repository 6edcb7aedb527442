package io.vitalink.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

class BoundedRocksDbTest {

    @Test
    void growsMemtablesInSmallBlocksAgainstTheSharedBudgetSoThatIdleStoresDoNotFillIt() {
        BoundedRocksDb setter = new BoundedRocksDb();
        try (Options options = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            setter.setConfig("watched-by-block-store", options, Map.of());

            assertThat(options.arenaBlockSize()).isEqualTo(64L << 10);
            assertThat(options.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
            setter.close("watched-by-block-store", options);
        }
    }
}
