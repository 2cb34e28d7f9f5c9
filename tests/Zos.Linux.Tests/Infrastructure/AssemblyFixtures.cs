using Xunit;
using Zos.Linux.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(LeakCheckFixture))]
