using System.CommandLine;

namespace Zos.Cli.Commands;

/// <summary>`zos account create`: an account whose key is kept in the user's config directory.</summary>
internal static class AccountCommands
{
    public static Command Create()
    {
        var registry = RegistryCli.RegistryOption();
        var create = new Command("create", "Create your account (the key is made on first use, mode 0600)");
        var name = new Argument<string>("name") { Description = "Account name (3-40 of [A-Za-z0-9_-])" };
        create.Add(name);
        create.Add(registry);
        create.Add(RegistryCli.JsonOption());
        create.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.CreateAccountAsync(parse.GetValue(name)!, c)), ct));
        return create;
    }
}
