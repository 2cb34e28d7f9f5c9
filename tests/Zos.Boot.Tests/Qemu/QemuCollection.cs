using Xunit;

namespace Zos.Boot.Tests.Qemu;

/// <summary>
/// The qemu tests run one VM at a time: TCG takes a whole core, and two VMs beside the rest of the suite on a 2-core
/// machine stretched a 60 s PXE boot of the node image to 85 s, close to its hard timeout.
/// </summary>
[CollectionDefinition(nameof(QemuCollection))]
public sealed class QemuCollection;
