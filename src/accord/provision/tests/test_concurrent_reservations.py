"""Two bookings of a slot's last unit at the same moment: exactly one lands, on SQLite and on PostgreSQL.

Each booking runs in its own thread with its own database connection, in a process of its own on a fresh file
or PostgreSQL database (the test database of pytest-django is one connection, or in memory, and shows no race).
"""

import os

from accord.testing.server import ServerDatabase

BOOKERS = 6

SCRIPT = f"""
import datetime, threading
from django.core.exceptions import ValidationError
from django.db import connection
from accord.core.services import Actor, save_object
from accord.parties.models import Organization
from accord.catalog.models import ServiceOffering
from accord.relationships.models import ServiceRelationship, Subscription
from accord.resources.models import Resource
from accord.provision.models import CapacitySlot, Reservation
from accord.provision.services import reserve

actor = Actor(username='test')
hotel, guest = Organization(name='hotel'), Organization(name='guest', kind='individual')
for org in (hotel, guest):
    save_object(org, actor=actor)
rooms = Resource(name='rooms', organization=hotel, dimension='information-and-technology', kind='facility')
save_object(rooms, actor=actor)
stay = ServiceOffering(name='stay', provider=hotel)
save_object(stay, actor=actor)
relationship = ServiceRelationship(name='hotel-guest', provider=hotel, consumer=guest)
save_object(relationship, actor=actor)
subscription = Subscription(name='guest-stay', relationship=relationship, offering=stay,
                            start=datetime.date(2025, 3, 1))
save_object(subscription, actor=actor)
night = datetime.datetime(2025, 3, 10, 15, tzinfo=datetime.UTC)
slot = CapacitySlot(name='night', resource=rooms, start=night, end=night + datetime.timedelta(hours=20), capacity=3)
save_object(slot, actor=actor)
reserve(slot, subscription, units=2, at=night - datetime.timedelta(days=9), actor=actor)

barrier = threading.Barrier({BOOKERS})
outcomes = []

def book(n):
    try:
        barrier.wait()
        reserve(slot, subscription, units=1, name=f'last-{{n}}', at=night - datetime.timedelta(days=1), actor=actor)
        outcomes.append('booked')
    except ValidationError as error:
        outcomes.append(error.message_dict['units'][0])
    finally:
        connection.close()

threads = [threading.Thread(target=book, args=(n,)) for n in range({BOOKERS})]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({{'outcomes': sorted(outcomes), 'units': sum(r.units for r in Reservation.objects.all())}}))
"""


def test_concurrent_bookings_of_the_last_unit_land_exactly_once(tmp_path):
    database = ServerDatabase(os.environ.get('ACCORD_DATABASE_URL'), tmp_path, label='reserve')
    database.create()
    try:
        database.migrate()
        result = database.run_script(SCRIPT)
    finally:
        database.drop()
    assert result['outcomes'] == ['booked'] + ['night has 0 of 3 units left, not 1'] * (BOOKERS - 1)
    assert result['units'] == 3
