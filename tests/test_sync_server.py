"""The test server itself: Radicale answers on 127.0.0.1 with its user and password."""

from tests.dav import Phone


def test_radicale_answers_with_the_password_only(radicale):
    status, _, _ = radicale.request("PROPFIND", "/", headers={"Depth": "0"})
    assert status == 207
    radicale.password = "wrong"
    status, _, _ = radicale.request("PROPFIND", "/", headers={"Depth": "0"})
    assert status == 401


def test_a_phone_can_put_and_delete_a_card(radicale):
    status, _, _ = radicale.request(
        "MKCOL",
        "/ann/book/",
        '<mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><set><prop>'
        "<resourcetype><collection/><C:addressbook/></resourcetype></prop></set></mkcol>",
    )
    assert status == 201
    phone = Phone(radicale, "/ann/book/")
    phone.put("x.vcf", "BEGIN:VCARD\nVERSION:3.0\nUID:x\nFN:X Y\nN:Y;X;;;\nEND:VCARD\n")
    assert phone.names() == ["x.vcf"]
    phone.delete("x.vcf")
    assert phone.names() == []
    radicale.stop()
    assert radicale.process.poll() is not None
