#!/usr/bin/env python3
"""Convert the two JSV samples of the Evo Voice PatchCustomer page to JSON.

Usage: python3 jsv2json.py ../../../shared/seeds/000_f3919b35146ac5ec.txt

The page's JSV is a small subset: objects with bare keys, lists, and bare
scalars (String, False, 0, enum names, null). Bare words become JSON strings
except false/true/null and numbers. Writes patch_request.json and
customer_response.json beside this script.
"""
import json, os, re, sys

def parse(text, i=0):
    def ws(i):
        while i < len(text) and text[i] in ' \t\r\n':
            i += 1
        return i
    def value(i):
        i = ws(i)
        c = text[i]
        if c == '{':
            obj, i = {}, ws(i + 1)
            while text[i] != '}':
                m = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)\s*:').match(text, i)
                key, i = m.group(1), m.end()
                obj[key], i = value(i)
                i = ws(i)
                if text[i] == ',':
                    i = ws(i + 1)
            return obj, i + 1
        if c == '[':
            arr, i = [], ws(i + 1)
            while text[i] != ']':
                v, i = value(i)
                arr.append(v)
                i = ws(i)
                if text[i] == ',':
                    i = ws(i + 1)
            return arr, i + 1
        m = re.compile(r'[^,\}\]\r\n]+').match(text, i)
        word = m.group(0).strip()
        i = m.end()
        if word in ('False', 'True'):
            return word == 'True', i
        if word == 'null':
            return None, i
        if re.fullmatch(r'-?\d+(\.\d+)?', word):
            return (float(word) if '.' in word else int(word)), i
        return word, i
    return value(i)

def main():
    page = open(sys.argv[1], encoding='utf-8').read()
    starts = [m.start() for m in re.finditer(r'^\{', page, re.M)]
    here = os.path.dirname(os.path.abspath(__file__))
    for name, start in zip(('patch_request.json', 'customer_response.json'), starts):
        doc, _ = parse(page, start)
        with open(os.path.join(here, name), 'w') as f:
            json.dump(doc, f, indent=2)
            f.write('\n')

main()
