using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Zos.Registry.Signing;

/// <summary>
/// HTTPS for <c>zos registry serve --tls-cert FILE --tls-key FILE</c>: Kestrel serves the given PEM certificate on the
/// https:// URLs of <see cref="RegistryOptions.Urls"/>. Transport security beside the answer signatures: the signatures
/// protect what nodes apply even over plain HTTP; TLS also hides it and protects the Cockpit and the CLI's reads.
/// </summary>
public static class RegistryTls
{
    /// <summary>Loads the certificate and key (a clear error naming the option and file when they are unusable) and sets them as Kestrel's HTTPS default.</summary>
    public static void Configure(WebApplicationBuilder builder, RegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TlsCertificateFile is null && options.TlsKeyFile is null)
            return;
        var certificate = Load(options);
        var urls = options.Urls ?? "";
        if (!urls.Split(';').Any(u => u.Trim().StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"--tls-cert given but --urls '{urls}' has no https:// URL to serve it on");
        // The slim builder leaves HTTPS out unless asked for.
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
    }

    /// <summary>The certificate with its private key from the two PEM files.</summary>
    public static X509Certificate2 Load(RegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cert = options.TlsCertificateFile ?? throw new ArgumentException("--tls-key given without --tls-cert");
        var key = options.TlsKeyFile ?? throw new ArgumentException("--tls-cert given without --tls-key");
        foreach (var (option, file) in new[] { ("--tls-cert", cert), ("--tls-key", key) })
        {
            if (!File.Exists(file))
                throw new ArgumentException($"{option} {file}: no such file");
        }
        try
        {
            return X509Certificate2.CreateFromPemFile(cert, key);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"--tls-cert {cert} / --tls-key {key}: not a PEM certificate with its private key: {e.Message}", e);
        }
    }
}
