"""The SAM template through AWS's own SAM transform, without an AWS account.

cfn-lint validates `AWS::Serverless::*` resources only loosely: a misspelt SAM property
can lint clean and still fail `sam deploy`. This script does what CloudFormation does at
deploy time, as far as it can be done offline:

1. parses the template (short-form intrinsics such as `!Ref` become their long form);
2. expands `Fn::ForEach` for a sample list of councils, as the `AWS::LanguageExtensions`
   transform would (only the shapes the template uses: anything else is an error, so a
   new shape is noticed here rather than silently passed through);
3. points every local path that `sam package` uploads (`CodeUri` and its kin) at an S3
   URI, as `sam package` would;
4. runs `samtranslator`'s transform, the library CloudFormation's SAM transform uses, with
   a managed-policy loader that reads a static map instead of IAM;
5. writes the plain CloudFormation to OUT/template.json (the expanded SAM template to
   OUT/expanded.json) and prints the number of resources.

xtask runs cfn-lint on OUT/template.json afterwards (`xtask/src/sam_transform.rs`).

    python sam_transform.py TEMPLATE OUT --councils a,b --parameter Name=Value ...

Exit status 0 on success; 1 with a message on stderr for any error.
"""

import argparse
import copy
import hashlib
import json
import os
import re
import sys

# samtranslator asks boto3 for the region (the partition of the ARNs it writes); no
# request is sent and no credentials are read.
os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-2")

from samtranslator.model.exceptions import (  # noqa: E402
    InvalidDocumentException,
    InvalidResourceException,
    InvalidTemplateException,
)
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions"
FOR_EACH = "Fn::ForEach::"

# The bucket `sam package` would upload to; never contacted.
ARTIFACT_BUCKET = "council-feedback-sam-artifacts"

# The properties holding a local path that `sam package` uploads and replaces with an S3
# location, by resource type. A property absent here is left alone, so a misspelt one
# (`CodeUrl`) reaches the transform as written and fails there.
PACKAGED_PROPERTIES = {
    "AWS::Serverless::Function": ["CodeUri"],
    "AWS::Serverless::LayerVersion": ["ContentUri"],
    "AWS::Serverless::Api": ["DefinitionUri"],
    "AWS::Serverless::HttpApi": ["DefinitionUri"],
    "AWS::Serverless::StateMachine": ["DefinitionUri"],
    "AWS::Serverless::GraphQLApi": ["SchemaUri"],
    "AWS::Serverless::Application": ["Location"],
    "AWS::Lambda::Function": ["Code"],
    "AWS::Lambda::LayerVersion": ["Content"],
    "AWS::CloudFormation::Stack": ["TemplateURL"],
}

# AWS managed policies a SAM resource may name under `Policies` (and the one SAM attaches
# itself to a role it creates), name to ARN as IAM's ListPolicies gives them. The template
# names none today (its functions bring their own roles); add a name here when it does.
MANAGED_POLICIES = {
    name: f"arn:aws:iam::aws:policy/{path}{name}"
    for path, name in [
        ("service-role/", "AWSLambdaBasicExecutionRole"),
        ("service-role/", "AWSLambdaVPCAccessExecutionRole"),
        ("service-role/", "AWSLambdaSQSQueueExecutionRole"),
        ("service-role/", "AWSLambdaDynamoDBExecutionRole"),
        ("", "AWSXrayWriteOnlyAccess"),
        ("", "AWSXRayDaemonWriteAccess"),
        ("", "AmazonDynamoDBReadOnlyAccess"),
        ("", "CloudWatchLambdaInsightsExecutionRolePolicy"),
    ]
}


class StaticPolicyLoader:
    """What `ManagedPolicyLoader` offers the transform (`load()`), from MANAGED_POLICIES."""

    def load(self):
        return dict(MANAGED_POLICIES)


class TemplateError(Exception):
    pass


# ------------------------------------------------------------------ Fn::ForEach


def expand_for_each(template, parameters):
    """Expands every `Fn::ForEach` loop directly under Resources, the one place the template
    uses them, and refuses a loop anywhere else."""
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        raise TemplateError("the template has no Resources mapping")
    expanded = {}
    for key, value in resources.items():
        if not key.startswith(FOR_EACH):
            expanded[key] = value
            continue
        for logical_id, resource in expand_loop(key, value, template, parameters):
            if logical_id in expanded or logical_id in resources:
                raise TemplateError(f"{key} makes {logical_id}, which already exists")
            expanded[logical_id] = resource
    template["Resources"] = expanded
    leftover = find_for_each(template)
    if leftover:
        raise TemplateError(
            f"Fn::ForEach at {leftover}: only loops directly under Resources, over a "
            "list or a Ref to a CommaDelimitedList, are expanded here "
            "(xtask/sam_transform.py, expand_for_each)"
        )


def expand_loop(name, loop, template, parameters):
    """`[Identifier, Collection, {OutputKey: OutputValue}]`, one (key, value) per item."""
    if not (isinstance(loop, list) and len(loop) == 3):
        raise TemplateError(f"{name}: expected [identifier, collection, fragment]")
    identifier, collection, fragment = loop
    if not (isinstance(identifier, str) and re.fullmatch(r"[A-Za-z0-9]+", identifier)):
        raise TemplateError(f"{name}: the identifier must be an alphanumeric string")
    values = loop_collection(name, collection, template, parameters)
    if not (isinstance(fragment, dict) and fragment):
        raise TemplateError(f"{name}: the fragment must be a mapping of output keys")
    dollar, ampersand = "${" + identifier + "}", "&{" + identifier + "}"
    for key in fragment:
        if dollar not in key and ampersand not in key:
            raise TemplateError(f"{name}: output key {key} names neither {dollar} nor {ampersand}")
    out = []
    for value in values:
        for key, body in fragment.items():
            # &{} keeps only the letters and digits: logical ids allow nothing else.
            logical_id = key.replace(dollar, value).replace(
                ampersand, re.sub("[^0-9A-Za-z]+", "", value)
            )
            if not re.fullmatch(r"[A-Za-z0-9]+", logical_id):
                raise TemplateError(f"{name}: {key} gives {logical_id!r}, not a logical id")
            out.append((logical_id, substitute(copy.deepcopy(body), identifier, value, name)))
    return out


def loop_collection(name, collection, template, parameters):
    """A literal list of strings, or a Ref to a CommaDelimitedList parameter."""
    if isinstance(collection, list) and all(isinstance(v, str) for v in collection):
        return collection
    if isinstance(collection, dict) and list(collection) == ["Ref"]:
        parameter = collection["Ref"]
        declared = template.get("Parameters", {}).get(parameter, {})
        if declared.get("Type") != "CommaDelimitedList":
            raise TemplateError(f"{name}: {parameter} is not a CommaDelimitedList parameter")
        if parameter not in parameters:
            raise TemplateError(f"{name}: no sample value for parameter {parameter}")
        return [v.strip() for v in parameters[parameter].split(",")]
    raise TemplateError(
        f"{name}: the collection must be a list of strings or a Ref to a "
        "CommaDelimitedList parameter"
    )


def substitute(node, identifier, value, name):
    """The loop's value in place of `${Identifier}` in `Fn::Sub` strings and of
    `Ref: Identifier`; any other mention of the identifier is an error."""
    if isinstance(node, dict):
        if list(node) == ["Ref"] and node["Ref"] == identifier:
            return value
        if list(node) == ["Fn::Sub"]:
            sub = node["Fn::Sub"]
            if isinstance(sub, str):
                text = sub.replace("${" + identifier + "}", value)
                # Nothing left to substitute: the string itself, as Fn::Sub would give it
                # (cfn-lint warns about a Sub without variables).
                return text if "${" not in text else {"Fn::Sub": text}
            if isinstance(sub, list) and len(sub) == 2 and isinstance(sub[0], str):
                text = sub[0].replace("${" + identifier + "}", value)
                return {"Fn::Sub": [text, substitute(sub[1], identifier, value, name)]}
        return {k: substitute(v, identifier, value, name) for k, v in node.items()}
    if isinstance(node, list):
        return [substitute(v, identifier, value, name) for v in node]
    if isinstance(node, str) and ("{" + identifier + "}") in node:
        raise TemplateError(
            f"{name}: {node!r} names {identifier} outside Fn::Sub, which is not expanded here"
        )
    return node


def find_for_each(node, path="$"):
    """The path of the first `Fn::ForEach` key left in `node`, if any."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and key.startswith(FOR_EACH):
                return f"{path}.{key}"
            found = find_for_each(value, f"{path}.{key}")
            if found:
                return found
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found = find_for_each(value, f"{path}[{i}]")
            if found:
                return found
    return None


# ------------------------------------------------------------------ sam package


def package(template):
    """Each local path in PACKAGED_PROPERTIES becomes an S3 URI whose key is the MD5 of the
    path, as `sam package` keys an upload by its content's MD5."""
    packaged = []
    sections = [template.get("Resources", {})]
    # Globals hold properties for every resource of a kind (`Globals: Function: CodeUri`):
    # seen here as one resource of that kind, so the same table applies.
    for kind, section in template.get("Globals", {}).items():
        sections.append(
            {f"Globals.{kind}": {"Type": f"AWS::Serverless::{kind}", "Properties": section}}
        )
    for resources in sections:
        for logical_id, resource in resources.items():
            if not isinstance(resource, dict):
                continue
            properties = resource.get("Properties")
            if not isinstance(properties, dict):
                continue
            for prop in PACKAGED_PROPERTIES.get(resource.get("Type"), []):
                path = properties.get(prop)
                if isinstance(path, str) and not re.match(r"^(s3|https?)://", path):
                    key = hashlib.md5(path.encode()).hexdigest()
                    properties[prop] = f"s3://{ARTIFACT_BUCKET}/{key}"
                    packaged.append(f"{logical_id}.{prop}")
    return packaged


# ------------------------------------------------------------------ main


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("template")
    parser.add_argument("out")
    parser.add_argument("--councils", required=True, help="sample council ids, comma separated")
    parser.add_argument("--parameter", action="append", default=[], help="Name=Value")
    args = parser.parse_args()

    with open(args.template, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    parameters = dict(p.split("=", 1) for p in args.parameter)
    parameters["Councils"] = args.councils

    transforms = template.get("Transform")
    transforms = transforms if isinstance(transforms, list) else [transforms]
    if LANGUAGE_EXTENSIONS in transforms:
        expand_for_each(template, parameters)
        transforms = [t for t in transforms if t != LANGUAGE_EXTENSIONS]
        template["Transform"] = transforms[0] if len(transforms) == 1 else transforms
    elif find_for_each(template):
        raise TemplateError(f"Fn::ForEach without the {LANGUAGE_EXTENSIONS} transform")

    packaged = package(template)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "expanded.json"), "w", encoding="utf-8") as f:
        json.dump(template, f, indent=2)

    try:
        output = transform(template, parameters, StaticPolicyLoader())
    except (InvalidDocumentException, InvalidTemplateException, InvalidResourceException) as e:
        causes = getattr(e, "causes", None) or [e]
        lines = "\n".join(f"  {c.message if hasattr(c, 'message') else c}" for c in causes)
        raise TemplateError(f"the SAM transform refused the template:\n{lines}") from None

    path = os.path.join(args.out, "template.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(output, f, indent=2)
    print(
        f"SAM transform: {len(output.get('Resources', {}))} resources "
        f"(councils {args.councils}; packaged {', '.join(packaged) or 'nothing'}) -> {path}"
    )


if __name__ == "__main__":
    try:
        main()
    except TemplateError as e:
        print(f"sam_transform: {e}", file=sys.stderr)
        sys.exit(1)
