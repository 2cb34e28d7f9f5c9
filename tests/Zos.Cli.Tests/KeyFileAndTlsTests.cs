using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Xunit;
using Zos.Core.Contracts;

namespace Zos.Cli.Tests;

/// <summary>
/// Issue 14: a secret key file others can read is refused with the chmod that fixes it (the account key of every
/// signed command, the registry's signing key), and `zos registry serve --tls-cert --tls-key` serves HTTPS with a
/// certificate made here.
/// </summary>
public sealed class KeyFileAndTlsTests : IDisposable
{
    private readonly RegistryProcess _registry = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-tls-").FullName;

    public void Dispose()
    {
        _registry.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void SignedCommand_AccountKeyReadableByOthers_RefusedWithTheChmod()
    {
        Directory.CreateDirectory(_registry.ConfigDir);
        var key = Path.Combine(_registry.ConfigDir, "account.key");
        File.WriteAllBytes(key, RandomNumberGenerator.GetBytes(32));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = _registry.Zos("farm", "create", "f1");

        Assert.Equal(3, refused.ExitCode);
        Assert.Equal($"zos: error: key file {key} is readable by others (mode 0644); run: chmod 600 {key}", refused.StdErr.Trim());

        // After the chmod the key is used: the command gets as far as the (absent) registry.
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var used = _registry.Zos("farm", "create", "f1");
        Assert.DoesNotContain("readable by others", used.StdErr);
        Assert.Contains("unreachable", used.StdErr);
    }

    [Fact]
    public void Serve_SigningKeyReadableByOthers_RefusedWithTheChmod()
    {
        var key = Path.Combine(_dir, "registry.key");
        File.WriteAllBytes(key, RandomNumberGenerator.GetBytes(32));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var (exit, _, err) = Serve(TimeSpan.FromSeconds(30), "--data", _dir, "--urls", "http://127.0.0.1:0", "--signing-key", key);

        Assert.Equal(3, exit);
        Assert.Equal($"zos: error: key file {key} is readable by others (mode 0640); run: chmod 600 {key}", err.Trim());
    }

    [Fact]
    public void Serve_TlsCertWithoutKey_UsageErrorNamingTheOption()
    {
        var (cert, _) = WriteSelfSigned();

        var (exit, _, err) = Serve(TimeSpan.FromSeconds(30), "--data", _dir, "--urls", "https://127.0.0.1:0", "--tls-cert", cert);

        Assert.Equal(2, exit);
        Assert.Equal("zos: error: --tls-cert given without --tls-key", err.Trim());
    }

    [Fact]
    public async Task Serve_TlsCertificate_ServesHttpsWithIt()
    {
        var (cert, key) = WriteSelfSigned();
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { RegistryProcess.ZosDll, "registry", "serve", "--data", _dir, "--urls", $"https://127.0.0.1:{port}", "--tls-cert", cert, "--tls-key", key })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            X509Certificate2? served = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, c, _, _) =>
                {
                    served = c is null ? null : X509CertificateLoader.LoadCertificate(c.RawData);
                    return true;
                },
            };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            string? body = null;
            while (body is null)
            {
                Assert.False(process.HasExited, $"zos registry serve exited with {(process.HasExited ? process.ExitCode : 0)}: {stderr}");
                Assert.True(DateTime.UtcNow < deadline, $"no HTTPS answer on port {port} within 60 s: {stderr}");
                try
                {
                    body = await http.GetStringAsync("api/v1/registry", TestContext.Current.CancellationToken);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200, TestContext.Current.CancellationToken);
                }
            }
            using var expected = X509CertificateLoader.LoadCertificateFromFile(cert);
            Assert.NotNull(served);
            Assert.Equal(expected.Thumbprint, served.Thumbprint);
            var info = JsonSerializer.Deserialize<RegistryInfo>(body, ContractJson.Options)!;
            Assert.True(ResponseSigning.TryParseKey(info.PublicKey, out _));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>A self-signed certificate for 127.0.0.1 (ECDSA P-256), as PEM certificate and key files.</summary>
    private (string Cert, string Key) WriteSelfSigned()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=zos-registry-test", ecdsa, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var cert = Path.Combine(_dir, "registry.crt");
        var key = Path.Combine(_dir, "registry.pem");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, ecdsa.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (cert, key);
    }

    private static (int Exit, string Out, string Err) Serve(TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { RegistryProcess.ZosDll, "registry", "serve" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var err = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"zos registry serve {string.Join(' ', args)} kept running; it should have refused");
        }
        return (p.ExitCode, output.Result, err);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
